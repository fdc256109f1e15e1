using System.Globalization;

namespace Mailstrom.ScaleOut;

/// <summary>The real-server rig's settings (<c>/tmp/mailstrom-rig/rig.env</c>, or <c>MAILSTROM_RIG_ENV</c>): Azurite (the task
/// hub's storage), DNS, the sink address.</summary>
internal sealed class RigSettings
{
    private readonly Dictionary<string, string> _values;

    private readonly string? _connectionString;

    private RigSettings(Dictionary<string, string> values, string? connectionString)
    {
        _values = values;
        _connectionString = connectionString;
    }

    /// <summary>The task hub's storage account: the one given on the command line, else the rig's Azurite.</summary>
    public string AzuriteConnectionString => _connectionString ?? Get("AZURITE_CONNECTION_STRING");

    /// <summary>The Azurite processes whose CPU is measured, when the rig's Azurite is the account in use: the pids in the
    /// settings' <c>AZURITE_PIDS</c> (separated by spaces: e.g. Azurite's blob, queue and table services run as processes
    /// of their own), else the rig's Azurite (<c>$RIG_DIR/pids/azurite.pid</c>: "pid start-time").</summary>
    public IReadOnlyList<int> AzuritePids
    {
        get
        {
            if (_connectionString is not null)
            {
                return [];
            }

            if (_values.TryGetValue("AZURITE_PIDS", out var listed))
            {
                return [.. listed.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(Pid).Where(pid => pid > 0)];
            }

            if (!_values.TryGetValue("RIG_DIR", out var directory))
            {
                return [];
            }

            var file = Path.Combine(directory, "pids", "azurite.pid");
            var first = File.Exists(file) ? File.ReadAllText(file).Split(' ', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault() : null;
            return first is not null && Pid(first) is > 0 and var pid ? [pid] : [];
        }
    }

    private static int Pid(string text) => int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : 0;

    public string DnsServer => Get("DNS_SERVER");

    public int SmtpPort => int.Parse(Get("SMTP_PORT"), CultureInfo.InvariantCulture);

    /// <summary>The address of <c>load2.{zone}</c>, where nothing listens until the benchmark starts its sink.</summary>
    public string SinkAddress => Get("ADDR_LOAD2");

    public string SinkDomain => $"load2.{Get("TEST_ZONE")}";

    public static RigSettings Load(string? path, string? connectionString)
    {
        path ??= Environment.GetEnvironmentVariable("MAILSTROM_RIG_ENV") ?? "/tmp/mailstrom-rig/rig.env";
        if (!File.Exists(path))
        {
            throw new InvalidOperationException($"No rig settings at {path}: start the rig with eng/rig/start.sh.");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(path))
        {
            var at = line.IndexOf('=', StringComparison.Ordinal);
            if (at > 0 && !line.StartsWith('#'))
            {
                values[line[..at].Trim()] = line[(at + 1)..].Trim().Trim('"');
            }
        }

        return new RigSettings(values, connectionString);
    }

    private string Get(string key) =>
        _values.TryGetValue(key, out var value) ? value : throw new InvalidOperationException($"The rig settings have no {key}.");
}
