using System.ComponentModel.DataAnnotations;

namespace Mailstrom.Delivery.MtaSts;

/// <summary>
/// MTA-STS (RFC 8461) for direct delivery (<c>Mailstrom:MtaSts</c>): each recipient domain's published policy decides
/// which MX hosts may receive its mail and whether a valid certificate is required. Relay mode does not use it.
/// </summary>
public sealed class MtaStsOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Mailstrom:MtaSts";

    /// <summary>Whether recipient domains' MTA-STS policies are looked up and applied in direct delivery.</summary>
    /// <value>Defaults to <see langword="true"/>.</value>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// A PEM file of extra certificate authorities trusted, besides the system's trust store, for MX certificates and for
    /// policy hosts' certificates: for tests and private PKI. It adds trust; nothing turns validation off.
    /// </summary>
    /// <value>Defaults to none: the system's trust store only.</value>
    public string? CaBundlePath { get; set; }

    /// <summary>How long fetching one policy over HTTPS may take (connect, TLS, headers and body).</summary>
    /// <value>Defaults to 10 seconds (RFC 8461 §3.3 asks for no more than a minute).</value>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan FetchTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// The longest a fetched policy is kept: a policy's own <c>max_age</c> is cut to this. The cache is in memory, so a
    /// restart forgets policies too.
    /// </summary>
    /// <value>Defaults to 7 days.</value>
    [Range(typeof(TimeSpan), "00:01:00", "366.00:00:00")]
    public TimeSpan MaxPolicyAge { get; set; } = TimeSpan.FromDays(7);
}
