using System.Globalization;
using System.Net;
using Mailstrom.Server.Tests.Infrastructure;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;

namespace Mailstrom.Server.Tests.Hostile;

/// <summary>
/// The server on a real Kestrel listener on 127.0.0.1, with small limits, a short minimum-data-rate grace period and a
/// short request-headers timeout, so that "too large" and "too slow" are cheap to reach. The app's own log categories are
/// captured from Debug up.
/// </summary>
public sealed class KestrelAppFixture : IDisposable
{
    /// <summary>How long Kestrel lets a request body or its headers lag before answering 408.</summary>
    public static readonly TimeSpan Grace = TimeSpan.FromSeconds(2);

    public KestrelAppFixture()
    {
        App = Create();
        Endpoint = App.Endpoint;
        Client = App.CreateApiClient();
    }

    public ServerApp App { get; }

    public IPEndPoint Endpoint { get; }

    /// <summary>A client of the Kestrel server, on an allowed host (127.0.0.1).</summary>
    public HttpClient Client { get; }

    public static ServerApp Create(IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        var all = new Dictionary<string, string?>
        {
            ["Mailstrom:Limits:MaxMessageBytes"] = RawRequestCorpus.MaxMessageBytes.ToString(CultureInfo.InvariantCulture),
            ["Logging:LogLevel:Mailstrom"] = "Debug",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return ServerApp.Create(kestrel: true, settings: all, services: s =>
        {
            s.Configure<KestrelServerOptions>(kestrel =>
            {
                kestrel.Limits.MinRequestBodyDataRate = new MinDataRate(bytesPerSecond: 240, gracePeriod: Grace);
                kestrel.Limits.RequestHeadersTimeout = Grace;
            });
            services?.Invoke(s);
        });
    }

    public void Dispose()
    {
        Client.Dispose();
        App.Dispose();
    }
}
