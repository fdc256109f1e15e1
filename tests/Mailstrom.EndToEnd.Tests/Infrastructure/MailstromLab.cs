using System.Globalization;
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

    private MailstromLab(string databasePath, Dictionary<string, string?> settings)
    {
        DatabasePath = databasePath;
        _settings = settings;
    }

    public static RigEnvironment Rig => RigEnvironment.Current;

    /// <summary>What identifies the store: the SQLite file, or the Azure Storage name prefix.</summary>
    public string DatabasePath { get; }

    /// <summary>Creates a lab app.</summary>
    /// <param name="backend">The store: a SQLite file, or Azurite with a name prefix of its own.</param>
    /// <param name="initialRetryDelay">The retry policy's first delay (no jitter).</param>
    /// <param name="databasePath">An existing store to reopen (a SQLite file, or an Azure name prefix); a new one when <see langword="null"/>.</param>
    /// <param name="settings">More configuration, applied last.</param>
    /// <returns>The app; it starts when the first client is created.</returns>
    public static MailstromLab Create(
        StorageBackend backend,
        TimeSpan? initialRetryDelay = null,
        string? databasePath = null,
        IReadOnlyDictionary<string, string?>? settings = null)
    {
        var rig = Rig;
        var path = databasePath ?? (backend == StorageBackend.Sqlite
            ? Path.Combine(Path.GetTempPath(), "mailstrom-e2e", $"{Guid.NewGuid():N}.db")
            : $"e2e{Guid.NewGuid():N}"[..20]);
        var all = new Dictionary<string, string?>
        {
            ["Mailstrom:HeloName"] = "client.mailstrom.test",
            ["Mailstrom:Api:Keys:0"] = Key,
            ["Mailstrom:Dns:NameServers:0"] = rig.DnsServerText,
            ["Mailstrom:Dns:Timeout"] = "00:00:02",
            ["Mailstrom:Delivery:SmtpPort"] = rig.SmtpPort.ToString(CultureInfo.InvariantCulture),
            ["Mailstrom:Delivery:AllowPrivateDestinations"] = "true",
            ["Mailstrom:Delivery:ConnectTimeout"] = "00:00:02",
            ["Mailstrom:Delivery:CommandTimeout"] = "00:00:03",
            ["Mailstrom:Delivery:PollInterval"] = "00:00:00.200",
            ["Mailstrom:Retry:InitialDelay"] = (initialRetryDelay ?? TimeSpan.FromHours(1)).ToString("c", CultureInfo.InvariantCulture),
            ["Mailstrom:Retry:JitterFactor"] = "0",
        };
        if (backend == StorageBackend.Sqlite)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            all["Mailstrom:Storage:Provider"] = "Sqlite";
            all["Mailstrom:Storage:Sqlite:Path"] = path;
        }
        else
        {
            all["Mailstrom:Storage:Provider"] = "AzureStorage";
            all["Mailstrom:Storage:AzureStorage:ConnectionString"] = rig.Get("AZURITE_CONNECTION_STRING");
            all["Mailstrom:Storage:AzureStorage:NamePrefix"] = path;
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
