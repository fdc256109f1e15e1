using Mailstrom.Testing.Rig;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;

namespace Mailstrom.Cli.Tests.Infrastructure;

/// <summary>
/// The real server (src/Mailstrom.Server) in process on a SQLite file of its own, with a key. <see cref="Create"/>
/// leaves the delivery worker off, so emails stay Pending with Queued recipients; <see cref="CreateDelivering"/>
/// turns it on and points it at the real-server rig (dnsmasq for MX records, Postfix and the fault sinks on port 2525).
/// </summary>
public sealed class CliServer : WebApplicationFactory<Program>
{
    public const string Key = "cli-tests-key-7d3e1f0a";

    private readonly Dictionary<string, string?> _settings;

    private CliServer(Dictionary<string, string?> settings)
    {
        DatabasePath = Path.Combine(Path.GetTempPath(), "mailstrom-cli-tests", Guid.NewGuid().ToString("N"), "mailstrom.db");
        _settings = new Dictionary<string, string?>(settings)
        {
            ["Mailstrom:Engine"] = "Native",
            ["Mailstrom:Storage:Sqlite:Path"] = DatabasePath,
            ["Mailstrom:Api:Keys:0"] = Key,
            ["Mailstrom:HeloName"] = "client.mailstrom.test",
        };
    }

    /// <summary>The SQLite file, in a directory of its own that is deleted with the server.</summary>
    public string DatabasePath { get; }

    /// <summary>A server that accepts and reports but never delivers.</summary>
    public static CliServer Create() => new(new() { ["Mailstrom:Delivery:EnableWorker"] = "false" });

    /// <summary>A server that delivers through the rig, with short timeouts and no retry within a test's life.</summary>
    public static CliServer CreateDelivering() => new(RigDeliverySettings.For(RigEnvironment.Current, TimeSpan.FromHours(1)));

    /// <summary>A transport to the in-process server, as the tool's <see cref="CliEnvironment.CreateHttpHandler"/> wants it.</summary>
    public HttpMessageHandler CreateHandler() => Server.CreateHandler();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureAppConfiguration(configuration => configuration.AddInMemoryCollection(_settings));
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            try
            {
                Directory.Delete(Path.GetDirectoryName(DatabasePath)!, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
