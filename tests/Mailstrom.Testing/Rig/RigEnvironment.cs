using System.Globalization;
using System.Net;

namespace Mailstrom.Testing.Rig;

/// <summary>
/// The real-server rig's settings, read from <c>rig.env</c> (written by <c>eng/rig/start.sh</c>) in
/// <c>$MAILSTROM_RIG_DIR</c> or <c>/tmp/mailstrom-rig</c>. A missing rig is an error, never a skip.
/// </summary>
public sealed class RigEnvironment
{
    private static readonly Lazy<RigEnvironment> Shared = new(() => Load());
    private readonly IReadOnlyDictionary<string, string> _values;

    private RigEnvironment(string path, IReadOnlyDictionary<string, string> values)
    {
        FilePath = path;
        _values = values;
    }

    /// <summary>The rig, loaded once per test run.</summary>
    public static RigEnvironment Current => Shared.Value;

    public string FilePath { get; }

    public string TestZone => Get("TEST_ZONE");

    /// <summary>dnsmasq, serving the test zone.</summary>
    public IPEndPoint DnsServer => IPEndPoint.Parse(Get("DNS_SERVER"));

    /// <summary>The <c>ip:port</c> form for <c>Mailstrom:Dns:NameServers</c>.</summary>
    public string DnsServerText => Get("DNS_SERVER");

    public int SmtpPort => GetInt("SMTP_PORT");

    public string PostfixDomain => Get("POSTFIX_DOMAIN");

    public string PostfixMxHost => Get("POSTFIX_MX_HOST");

    public IPAddress PostfixAddress => IPAddress.Parse(Get("POSTFIX_ADDR"));

    public string PostfixMaildirRoot => Get("POSTFIX_MAILDIR_ROOT");

    public string RelayHost => Get("RELAY_HOST");

    public int RelayPort => GetInt("RELAY_PORT");

    public string RelayUser => Get("RELAY_USER");

    public string RelayPassword => Get("RELAY_PASSWORD");

    /// <summary>The full reply of the tempfail sink to RCPT, such as <c>451 4.3.0 Try again later</c>.</summary>
    public string ReplyTempfail => Get("REPLY_TEMPFAIL");

    /// <summary>The full reply of the reject sink to RCPT, such as <c>550 5.1.1 No such user</c>.</summary>
    public string ReplyReject => Get("REPLY_REJECT");

    /// <summary>The greeting of the greet421 sink.</summary>
    public string ReplyGreet421 => Get("REPLY_GREET421");

    /// <summary>The loopback address the DNS zone gives <c>scriptedN.&lt;zone&gt;</c> (nothing listens there but test code).</summary>
    public IPAddress ScriptedAddress(int n) => IPAddress.Parse(Get($"ADDR_SCRIPTED{n}"));

    /// <summary>The domain whose MX points at <see cref="ScriptedAddress"/>.</summary>
    public string ScriptedDomain(int n) => $"scripted{n}.{TestZone}";

    /// <summary>A domain of the test zone, such as <c>tempfail.mailstrom.test</c>.</summary>
    public string Domain(string label) => $"{label}.{TestZone}";

    /// <summary>Any value of rig.env.</summary>
    /// <exception cref="InvalidOperationException">The key is missing (the rig is older than the tests).</exception>
    public string Get(string key) => _values.TryGetValue(key, out var value)
        ? value
        : throw new InvalidOperationException($"{FilePath} has no {key}; restart the rig with eng/rig/start.sh.");

    public int GetInt(string key) => int.Parse(Get(key), NumberStyles.None, CultureInfo.InvariantCulture);

    /// <summary>Reads rig.env.</summary>
    /// <exception cref="InvalidOperationException">rig.env does not exist: the rig is not running.</exception>
    public static RigEnvironment Load(string? directory = null)
    {
        directory ??= Environment.GetEnvironmentVariable("MAILSTROM_RIG_DIR") is { Length: > 0 } dir ? dir : "/tmp/mailstrom-rig";
        var path = Path.Combine(directory, "rig.env");
        if (!File.Exists(path))
        {
            throw new InvalidOperationException(
                $"The test rig is not running: {path} does not exist. Run `bash eng/rig/install.sh && bash eng/rig/start.sh` "
                + "from the repository root (set MAILSTROM_RIG_DIR to use another directory).");
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var line in File.ReadAllLines(path))
        {
            var trimmed = line.Trim();
            var equals = trimmed.IndexOf('=', StringComparison.Ordinal);
            if (trimmed.Length == 0 || trimmed.StartsWith('#') || equals <= 0)
            {
                continue;
            }

            values[trimmed[..equals]] = Unquote(trimmed[(equals + 1)..]);
        }

        return new RigEnvironment(path, values);
    }

    private static string Unquote(string value) =>
        value.Length >= 2 && (value[0] == '"' || value[0] == '\'') && value[^1] == value[0] ? value[1..^1] : value;
}
