using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mailstrom.Server.Tests.Infrastructure;

/// <summary>
/// The server in memory, on its own SQLite file, with the delivery worker off. The client's remote address is
/// set explicitly (loopback unless a test says otherwise), and the app's reads of request bodies are counted.
/// </summary>
public sealed class ServerApp : WebApplicationFactory<Program>
{
    public const string Key = "primary-key-0123456789abcdef";
    public const string SecondKey = "rotated-key-fedcba9876543210";

    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;

    private readonly bool _ownsDatabase;
    private readonly bool _kestrel;

    private ServerApp(
        string databasePath, bool ownsDatabase, IPAddress? remoteAddress, Dictionary<string, string?> settings, Action<IServiceCollection>? services, bool kestrel)
    {
        DatabasePath = databasePath;
        _ownsDatabase = ownsDatabase;
        RemoteAddress = remoteAddress;
        _services = services;
        _settings = new Dictionary<string, string?>
        {
            ["Mailstrom:Storage:Sqlite:Path"] = databasePath,
            ["Mailstrom:Delivery:EnableWorker"] = "false",
        };
        foreach (var (key, value) in settings)
        {
            _settings[key] = value;
        }

        _kestrel = kestrel;
        if (kestrel)
        {
            // A real Kestrel server on a free port of 127.0.0.1, for raw HTTP over sockets.
            UseKestrel(0);
        }
    }

    /// <summary>The SQLite file this app uses.</summary>
    public string DatabasePath { get; }

    /// <summary>The remote address every request appears to come from (<see langword="null"/>: left unset).</summary>
    public IPAddress? RemoteAddress { get; }

    /// <summary>How many request-body bytes the app has read, over all requests.</summary>
    public RequestBodyCounter BodyCounter { get; } = new();

    /// <summary>The requests in the app's pipeline.</summary>
    public RequestTracker Requests { get; } = new();

    /// <summary>Everything the app logged.</summary>
    public ConcurrentQueue<(LogLevel Level, EventId EventId, string Message)> Logs { get; } = new();

    /// <summary>Creates an app.</summary>
    /// <param name="databasePath">The SQLite file; a new temporary one (deleted with the app) when <see langword="null"/>.</param>
    /// <param name="remoteAddress">The client address; loopback by default.</param>
    /// <param name="keys">Function keys to configure; none by default.</param>
    /// <param name="settings">More configuration.</param>
    /// <param name="services">Replaces services after the app registered its own.</param>
    /// <param name="leaveRemoteAddressUnset">Leaves the remote address as the test server sets it (null).</param>
    /// <param name="kestrel">Serves on a real Kestrel server bound to 127.0.0.1 instead of the in-memory test server.</param>
    /// <returns>The app (not started until a client is created or <see cref="Endpoint"/> is read).</returns>
    public static ServerApp Create(
        string? databasePath = null,
        IPAddress? remoteAddress = null,
        IEnumerable<string>? keys = null,
        IReadOnlyDictionary<string, string?>? settings = null,
        Action<IServiceCollection>? services = null,
        bool leaveRemoteAddressUnset = false,
        bool kestrel = false)
    {
        var all = new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>());
        var i = 0;
        foreach (var key in keys ?? [])
        {
            all[$"Mailstrom:Api:Keys:{i++}"] = key;
        }

        return new ServerApp(
            databasePath ?? TempDatabase.NewPath(),
            ownsDatabase: databasePath is null,
            leaveRemoteAddressUnset ? null : remoteAddress ?? IPAddress.Loopback,
            all,
            services,
            kestrel);
    }

    /// <summary>Where a Kestrel app (<c>kestrel: true</c>) listens; starts it if need be.</summary>
    public IPEndPoint Endpoint
    {
        get
        {
            StartServer();
            var address = Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
            var uri = new Uri(address);
            Assert.Equal("127.0.0.1", uri.Host);
            return new IPEndPoint(IPAddress.Loopback, uri.Port);
        }
    }

    /// <summary>A client with a 30-second timeout on every request (of the Kestrel server, on 127.0.0.1, when there is one).</summary>
    /// <returns>The client.</returns>
    public HttpClient CreateApiClient()
    {
        var options = new WebApplicationFactoryClientOptions { AllowAutoRedirect = false };
        if (_kestrel)
        {
            options.BaseAddress = new Uri($"http://{Endpoint}");
        }

        var client = CreateClient(options);
        client.Timeout = TimeSpan.FromSeconds(30);
        return client;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && _ownsDatabase)
        {
            TempDatabase.Delete(DatabasePath);
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(_settings));
        builder.ConfigureLogging(logging => logging.AddProvider(new QueueLoggerProvider(Logs)));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<Microsoft.AspNetCore.Hosting.IStartupFilter>(
                new TestConnectionStartupFilter(RemoteAddress, BodyCounter, Requests));
            _services?.Invoke(services);
        });
    }
}
