using System.Net;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Mailstrom.Tests.Delivery.MtaSts.PolicyHosts;

/// <summary>
/// A real HTTPS server (Kestrel) on port 443 of a loopback address of its own (127.88.x.y, picked at random so that
/// no other server's address is taken), with the certificate a test gives it. It counts the TCP connections it accepts
/// (before TLS) and the requests it answers; every request is answered by the test's <c>answer</c>. An answer that
/// stalls waits for <see cref="Released"/>, which completes when the host is disposed.
/// </summary>
internal sealed class HttpsPolicyHost : IAsyncDisposable
{
    private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource _requestArrived = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly WebApplication _app;
    private int _connections;
    private int _requests;

    private HttpsPolicyHost(X509Certificate2 certificate, Func<HttpsPolicyHost, HttpContext, Task> answer)
    {
        Address = new IPAddress([127, 88, (byte)Random.Shared.Next(0, 256), (byte)Random.Shared.Next(1, 255)]);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel => kestrel.Listen(Address, 443, listen =>
        {
            listen.Use(next => connection =>
            {
                Interlocked.Increment(ref _connections);
                return next(connection);
            });
            listen.UseHttps(certificate);
        }));
        _app = builder.Build();
        _app.Run(context =>
        {
            Interlocked.Increment(ref _requests);
            _requestArrived.TrySetResult();
            return answer(this, context);
        });
    }

    /// <summary>The loopback address the host listens on (port 443).</summary>
    public IPAddress Address { get; }

    /// <summary>The TCP connections accepted so far, whether or not TLS followed.</summary>
    public int Connections => Volatile.Read(ref _connections);

    /// <summary>The HTTP requests received so far.</summary>
    public int Requests => Volatile.Read(ref _requests);

    /// <summary>Completes when the first request arrives.</summary>
    public Task RequestArrived => _requestArrived.Task;

    /// <summary>Completes when the host is disposed: what a stalling answer waits for.</summary>
    public Task Released => _released.Task;

    /// <summary>Starts a host serving <paramref name="certificate"/> and answering with <paramref name="answer"/>.</summary>
    public static async Task<HttpsPolicyHost> StartAsync(X509Certificate2 certificate, Func<HttpsPolicyHost, HttpContext, Task> answer)
    {
        var host = new HttpsPolicyHost(certificate, answer);
        await host._app.StartAsync();
        return host;
    }

    /// <summary>Waits until the host is released or the client goes away, whichever comes first.</summary>
    public async Task StallAsync(HttpContext context)
    {
        try
        {
            await Released.WaitAsync(context.RequestAborted);
        }
        catch (OperationCanceledException)
        {
            // The client gave up: what a stalled answer waits for, too.
        }
    }

    public async ValueTask DisposeAsync()
    {
        _released.TrySetResult();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
