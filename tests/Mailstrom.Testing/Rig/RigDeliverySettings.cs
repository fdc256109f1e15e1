using System.Globalization;

namespace Mailstrom.Testing.Rig;

/// <summary>
/// The settings that make an app deliver through the rig: its DNS server, its SMTP port, loopback destinations allowed,
/// short timeouts, a fast worker poll and no jitter.
/// </summary>
public static class RigDeliverySettings
{
    /// <summary>The settings, with the first retry <paramref name="initialRetryDelay"/> after a temporary failure.</summary>
    /// <param name="rig">The rig.</param>
    /// <param name="initialRetryDelay">The first retry delay; an hour keeps a deferred recipient deferred for a test's life.</param>
    /// <returns>A new dictionary, for the caller to add to.</returns>
    public static Dictionary<string, string?> For(RigEnvironment rig, TimeSpan initialRetryDelay)
    {
        ArgumentNullException.ThrowIfNull(rig);
        return new Dictionary<string, string?>
        {
            ["Mailstrom:HeloName"] = "client.mailstrom.test",
            ["Mailstrom:Dns:NameServers:0"] = rig.DnsServerText,
            ["Mailstrom:Dns:Timeout"] = "00:00:02",
            ["Mailstrom:Delivery:SmtpPort"] = rig.SmtpPort.ToString(CultureInfo.InvariantCulture),
            ["Mailstrom:Delivery:AllowPrivateDestinations"] = "true",
            ["Mailstrom:Delivery:ConnectTimeout"] = "00:00:02",
            ["Mailstrom:Delivery:CommandTimeout"] = "00:00:03",
            ["Mailstrom:Delivery:PollInterval"] = "00:00:00.200",
            ["Mailstrom:Retry:InitialDelay"] = initialRetryDelay.ToString("c", CultureInfo.InvariantCulture),
            ["Mailstrom:Retry:JitterFactor"] = "0",
        };
    }
}
