using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mailstrom.Testing.Webhooks;

/// <summary>
/// A real HTTP receiver for webhooks: Kestrel on 127.0.0.1 (port 0 unless given), recording every request and answering
/// what the test scripts (200 unless told otherwise). It can be stopped and started again on the same port, so a test
/// can take the receiver down and bring it back. Waits are on the requests themselves, never on sleeps.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly ConcurrentQueue<(int Status, TimeSpan? RetryAfter)> _script = new();
    private readonly ConcurrentQueue<ReceivedWebhook> _received = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private WebApplication? _app;

    private WebhookReceiver(int port)
    {
        Port = port;
    }

    /// <summary>The loopback port.</summary>
    public int Port { get; private set; }

    /// <summary>The URL to configure: <c>http://127.0.0.1:{port}/hooks</c>.</summary>
    public Uri Url => new($"http://127.0.0.1:{Port}/hooks");

    /// <summary>Every request so far, in arrival order.</summary>
    public IReadOnlyList<ReceivedWebhook> Received => [.. _received];

    /// <summary>The requests answered 2xx, so far.</summary>
    public IReadOnlyList<ReceivedWebhook> Accepted => [.. _received.Where(r => r.AnsweredStatus is >= 200 and < 300)];

    /// <summary>How long the receiver takes to answer each request (a slow receiver); none by default.</summary>
    public TimeSpan ResponseDelay { get; set; }

    /// <summary>Answers the next requests with these statuses (then 200 again).</summary>
    public void Answer(params int[] statuses)
    {
        foreach (var status in statuses)
        {
            _script.Enqueue((status, null));
        }
    }

    /// <summary>Answers the next request with <paramref name="status"/> and a <c>Retry-After</c> in seconds.</summary>
    public void AnswerWithRetryAfter(int status, TimeSpan retryAfter) => _script.Enqueue((status, retryAfter));

    /// <summary>Starts a receiver on 127.0.0.1 (a free port when <paramref name="port"/> is 0).</summary>
    public static async Task<WebhookReceiver> StartAsync(int port = 0)
    {
        var receiver = new WebhookReceiver(port);
        await receiver.StartAsync();
        return receiver;
    }

    /// <summary>Starts (again) on <see cref="Port"/>.</summary>
    public async Task StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, Port));
        var app = builder.Build();
        app.MapPost("/hooks", HandleAsync);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        Port = new Uri(address).Port;
        _app = app;
    }

    /// <summary>Stops listening: connections are refused until <see cref="StartAsync()"/>.</summary>
    public async Task StopAsync()
    {
        if (_app is { } app)
        {
            _app = null;
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }

    /// <summary>Waits until <paramref name="count"/> requests matching <paramref name="match"/> have arrived.</summary>
    /// <exception cref="TimeoutException">They did not arrive within <paramref name="within"/>.</exception>
    public async Task<IReadOnlyList<ReceivedWebhook>> WaitForAsync(Func<ReceivedWebhook, bool> match, int count, TimeSpan within)
    {
        await WaitUntilAsync(received => received.Count(match) >= count, $"{count} matching webhooks", within);
        return [.. _received.Where(match)];
    }

    /// <summary>Waits until every id of <paramref name="ids"/> has been answered 2xx at least once.</summary>
    /// <exception cref="TimeoutException">Some were not taken within <paramref name="within"/>.</exception>
    public Task WaitForAcceptedIdsAsync(IReadOnlySet<string> ids, TimeSpan within) => WaitUntilAsync(
        received => ids.IsSubsetOf(received.Where(r => r.AnsweredStatus is >= 200 and < 300).Select(r => r.Id!)),
        $"all of {ids.Count} event ids taken",
        within);

    private async Task WaitUntilAsync(Func<IReadOnlyList<ReceivedWebhook>, bool> condition, string what, TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        while (!condition([.. _received]))
        {
            try
            {
                await _arrived.WaitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"Waited {within} for {what}; received {_received.Count}: " +
                    string.Join(", ", _received.Take(50).Select(r => $"{r.Id} ({r.AnsweredStatus})")));
            }
        }
    }

    /// <summary>Waits until <paramref name="count"/> requests have been answered 2xx.</summary>
    public Task<IReadOnlyList<ReceivedWebhook>> WaitForAcceptedAsync(int count, TimeSpan within) =>
        WaitForAsync(r => r.AnsweredStatus is >= 200 and < 300, count, within);

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _arrived.Dispose();
    }

    private async Task HandleAsync(HttpContext context)
    {
        using var reader = new StreamReader(context.Request.Body);
        var body = await reader.ReadToEndAsync();
        if (ResponseDelay > TimeSpan.Zero)
        {
            await Task.Delay(ResponseDelay, context.RequestAborted);
        }

        var (status, retryAfter) = _script.TryDequeue(out var scripted) ? scripted : (200, null);
        var headers = context.Request.Headers;
        _received.Enqueue(new ReceivedWebhook(
            headers["webhook-id"].ToString(), headers["webhook-timestamp"].ToString(), headers["webhook-signature"].ToString(),
            body, status, DateTimeOffset.UtcNow));
        context.Response.StatusCode = status;
        if (retryAfter is { } delay)
        {
            context.Response.Headers.RetryAfter = ((int)delay.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        _arrived.Release();
    }
}
