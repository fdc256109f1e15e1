using System.Net;

namespace Mailstrom.Delivery.Dns;

/// <summary>What MX resolution found for a domain (RFC 5321 §5.1, RFC 7505).</summary>
/// <param name="Kind">Whether hosts were found, and if not, why.</param>
/// <param name="Domain">The domain that was resolved.</param>
/// <param name="Hosts">The usable hosts, in the order to try them; empty unless <see cref="MxResolutionKind.Resolved"/>.</param>
/// <param name="Reason">Mailstrom's explanation when no hosts were found (safe to show to a caller).</param>
public sealed record MxResolution(MxResolutionKind Kind, string Domain, IReadOnlyList<MxHost> Hosts, string? Reason)
{
    /// <summary>How long the answer may be reused: the shortest DNS TTL among the records it was built from.</summary>
    /// <value><see langword="null"/> when unknown (the result is then not cached); <see cref="TimeSpan.Zero"/> for TTL 0.</value>
    public TimeSpan? TimeToLive { get; init; }

    /// <summary>Hosts to try, in order.</summary>
    /// <param name="domain">The domain.</param>
    /// <param name="hosts">The hosts, each with at least one address.</param>
    /// <returns>A <see cref="MxResolutionKind.Resolved"/> result.</returns>
    public static MxResolution Resolved(string domain, IReadOnlyList<MxHost> hosts) =>
        new(MxResolutionKind.Resolved, domain, hosts, null);

    /// <summary>A result without hosts.</summary>
    /// <param name="kind">Why there are no hosts.</param>
    /// <param name="domain">The domain.</param>
    /// <param name="reason">The explanation.</param>
    /// <returns>A result with no hosts.</returns>
    public static MxResolution Failed(MxResolutionKind kind, string domain, string reason) => new(kind, domain, [], reason);
}

/// <summary>One MX host with every address it resolved to.</summary>
/// <param name="Name">The host name (lower case, no trailing dot).</param>
/// <param name="Preference">The MX preference (lower is tried first); 0 for an implicit MX.</param>
/// <param name="Addresses">Its IPv4 addresses, then its IPv6 addresses.</param>
public sealed record MxHost(string Name, int Preference, IReadOnlyList<IPAddress> Addresses);

/// <summary>The kinds of <see cref="MxResolution"/>.</summary>
public enum MxResolutionKind
{
    /// <summary>At least one host with at least one address (explicit MX records or the implicit MX).</summary>
    Resolved,

    /// <summary>The domain publishes a null MX (<c>MX 0 .</c>, RFC 7505): it accepts no mail. Permanent.</summary>
    NullMx,

    /// <summary>The domain does not exist (NXDOMAIN). Permanent.</summary>
    NotFound,

    /// <summary>The domain exists but no MX host has an address. Permanent.</summary>
    NoUsableHost,

    /// <summary>DNS failed temporarily (SERVFAIL, REFUSED, timeout). Retry later.</summary>
    TemporaryFailure,
}
