using System.Globalization;

namespace Mailstrom.ScaleOut;

/// <summary>The real-server rig's settings (<c>/tmp/mailstrom-rig/rig.env</c>, or <c>MAILSTROM_RIG_ENV</c>): Azurite, DNS, the sink address.</summary>
internal sealed class RigSettings
{
    private readonly Dictionary<string, string> _values;

    private RigSettings(Dictionary<string, string> values) => _values = values;

    public string AzuriteConnectionString => Get("AZURITE_CONNECTION_STRING");

    public string DnsServer => Get("DNS_SERVER");

    public int SmtpPort => int.Parse(Get("SMTP_PORT"), CultureInfo.InvariantCulture);

    /// <summary>The address of <c>load2.{zone}</c>, where nothing listens until the benchmark starts its sink.</summary>
    public string SinkAddress => Get("ADDR_LOAD2");

    public string SinkDomain => $"load2.{Get("TEST_ZONE")}";

    public static RigSettings Load(string? path)
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

        return new RigSettings(values);
    }

    private string Get(string key) =>
        _values.TryGetValue(key, out var value) ? value : throw new InvalidOperationException($"The rig settings have no {key}.");
}
