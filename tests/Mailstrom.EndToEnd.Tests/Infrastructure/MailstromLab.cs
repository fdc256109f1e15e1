using Mailstrom.Testing.Rig;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace Mailstrom.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The server with its delivery worker on, pointed at the real-server rig: dnsmasq for MX records, SMTP servers
/// on port 2525 of loopback addresses (so private destinations are allowed), short timeouts, and a SQLite file that
/// outlives the app so a test can restart on it.
/// </summary>
public sealed class MailstromLab : WebApplicationFactory<Program>
{
    public const string Key = "end-to-end-key-5f1c2a";

    private readonly Dictionary<string, string?> _settings;

    private MailstromLab(string store, Dictionary<string, string?> settings)
    {
        Store = store;
        _settings = settings;
    }

    public static RigEnvironment Rig => RigEnvironment.Current;

    /// <summary>What identifies the store: the SQLite file, or the Azure Storage name prefix.</summary>
    public string Store { get; }

    /// <summary>Creates a lab app.</summary>
    /// <param name="engine">The engine, over a store of its own: a SQLite file, or a task hub on Azurite.</param>
    /// <param name="initialRetryDelay">The retry policy's first delay (no jitter).</param>
    /// <param name="store">An existing store to reopen (a SQLite file, or a task hub name); a new one when <see langword="null"/>.</param>
    /// <param name="settings">More configuration, applied last.</param>
    /// <returns>The app; it starts when the first client is created.</returns>
    public static MailstromLab Create(
        Engine engine,
        TimeSpan? initialRetryDelay = null,
        string? store = null,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var rig = Rig;
        var path = store ?? EngineSettings.NewStore(engine);
        var all = RigDeliverySettings.For(rig, initialRetryDelay ?? TimeSpan.FromHours(1));
        all["Mailstrom:Api:Keys:0"] = Key;
        foreach (var (key, value) in EngineSettings.For(engine, path))
        {
            all[key] = value;
        }

        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        return new MailstromLab(path, all);
    }

    /// <summary>A client that sends the function key, with a timeout on every request.</summary>
    public LabClient CreateLabClient()
    {
        var client = CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        client.Timeout = TimeSpan.FromSeconds(30);
        client.DefaultRequestHeaders.Add("x-functions-key", Key);
        return new LabClient(client);
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(_settings));
    }
}
