using System.ComponentModel.DataAnnotations;

namespace Mailstrom.Delivery.Dns;

/// <summary>DNS settings for MX resolution (<c>Mailstrom:Dns</c>).</summary>
public sealed class DnsOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Mailstrom:Dns";

    /// <summary>Name servers as <c>ip</c> or <c>ip:port</c> (IPv6 as <c>[ip]:port</c>).</summary>
    /// <value>Defaults to empty: the system's name servers.</value>
    public IList<string> NameServers { get; set; } = [];

    /// <summary>How long to wait for one DNS answer.</summary>
    /// <value>Defaults to 5 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.010", "00:01:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(5);
}
