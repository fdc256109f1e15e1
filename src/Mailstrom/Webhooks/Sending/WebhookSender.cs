using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Mailstrom.Webhooks.Signing;
using Microsoft.Extensions.Options;

namespace Mailstrom.Webhooks.Sending;

/// <summary>
/// POSTs one event to one endpoint, signed as the Standard Webhooks specification says (<c>webhook-id</c>,
/// <c>webhook-timestamp</c>, <c>webhook-signature</c>), through the private-network guard, within
/// <see cref="WebhookOptions.Timeout"/>. Redirects are not followed and no proxy is used. Never throws for the
/// receiver's sake: every outcome is a <see cref="WebhookResponse"/>.
/// </summary>
public sealed class WebhookSender : IDisposable
{
    /// <summary>The request header that carries the event id.</summary>
    public const string IdHeader = "webhook-id";

    /// <summary>The request header that carries the send time in Unix seconds.</summary>
    public const string TimestampHeader = "webhook-timestamp";

    /// <summary>The request header that carries the signatures.</summary>
    public const string SignatureHeader = "webhook-signature";

    private readonly HttpClient _client;
    private readonly TimeProvider _timeProvider;

    /// <summary>Creates the sender with the system resolver.</summary>
    /// <param name="options">The webhook settings.</param>
    /// <param name="timeProvider">The clock of <c>webhook-timestamp</c>.</param>
    public WebhookSender(IOptions<WebhookOptions> options, TimeProvider timeProvider)
        : this(options, timeProvider, WebhookTargetGuard.SystemResolver)
    {
    }

    /// <summary>Creates the sender with a resolver of the caller's (tests).</summary>
    internal WebhookSender(IOptions<WebhookOptions> options, TimeProvider timeProvider, Func<string, CancellationToken, Task<IPAddress[]>> resolve)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        var guard = new WebhookTargetGuard(settings.AllowPrivateDestinations, resolve);
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = guard.ConnectAsync,
            ConnectTimeout = settings.Timeout,
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
        };
        _client = new HttpClient(handler) { Timeout = settings.Timeout };
        _client.DefaultRequestHeaders.UserAgent.Add(new ProductInfoHeaderValue("Mailstrom-Webhooks", "1.0"));
        _timeProvider = timeProvider;
    }

    /// <summary>POSTs <paramref name="body"/> to <paramref name="endpoint"/>, signed with each of its keys.</summary>
    /// <param name="endpoint">The endpoint.</param>
    /// <param name="id">The event id (<c>webhook-id</c>).</param>
    /// <param name="body">The payload.</param>
    /// <param name="cancellationToken">Cancels the request (shutdown); then <see cref="OperationCanceledException"/> is thrown.</param>
    /// <returns>What the receiver answered, or why it did not.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<WebhookResponse> PostAsync(WebhookEndpoint endpoint, string id, string body, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var now = _timeProvider.GetUtcNow();
        var timestamp = now.ToUnixTimeSeconds();
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint.Url)
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        };
        request.Headers.Add(IdHeader, id);
        request.Headers.Add(TimestampHeader, timestamp.ToString(CultureInfo.InvariantCulture));
        request.Headers.Add(SignatureHeader, WebhookSignature.Sign(id, timestamp, body, endpoint.Keys));
        try
        {
            using var response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            var code = (int)response.StatusCode;
            return new WebhookResponse(code, RetryAfter(response.Headers.RetryAfter, now), $"HTTP {code} {response.ReasonPhrase}".TrimEnd());
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return new WebhookResponse(null, null, $"no answer within {_client.Timeout.TotalSeconds:0.###} s");
        }
        catch (HttpRequestException ex)
        {
            var refused = FindRefusal(ex);
            return new WebhookResponse(null, null, refused is not null ? "refused: " + refused.Message : Describe(ex));
        }
    }

    /// <inheritdoc />
    public void Dispose() => _client.Dispose();

    private static TimeSpan? RetryAfter(RetryConditionHeaderValue? header, DateTimeOffset now) => header switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date > now ? date - now : TimeSpan.Zero,
        _ => null,
    };

    private static WebhookTargetRefusedException? FindRefusal(Exception ex)
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            if (e is WebhookTargetRefusedException refused)
            {
                return refused;
            }
        }

        return null;
    }

    private static string Describe(HttpRequestException ex) =>
        ex.HttpRequestError == HttpRequestError.Unknown ? ex.Message : $"{ex.HttpRequestError}: {ex.Message}";
}
