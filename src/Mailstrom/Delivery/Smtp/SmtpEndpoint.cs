using System.Net;

namespace Mailstrom.Delivery.Smtp;

/// <summary>Where one SMTP session goes.</summary>
/// <param name="HostName">The host's name: recorded as the MX host, and used for TLS SNI.</param>
/// <param name="Address">The address to dial (already resolved and checked against the destination policy).</param>
/// <param name="Port">The TCP port.</param>
/// <param name="Security">How the session is secured.</param>
/// <param name="Credentials">AUTH credentials (relay only); sent only over TLS.</param>
/// <param name="MtaStsEnforced">Whether the recipient domain's MTA-STS policy is enforced: STARTTLS is then required with
/// a certificate valid for <paramref name="HostName"/> (trusted, named, not expired), and a session that cannot have it
/// never starts; its failure names the policy.</param>
public sealed record SmtpEndpoint(
    string HostName,
    IPAddress Address,
    int Port,
    SmtpSecurity Security,
    NetworkCredential? Credentials = null,
    bool MtaStsEnforced = false);

/// <summary>How an SMTP session is secured.</summary>
public enum SmtpSecurity
{
    /// <summary>STARTTLS when offered; plaintext otherwise. Any certificate is accepted (and its validity logged).</summary>
    Opportunistic,

    /// <summary>STARTTLS must happen; a server that does not offer it is tried no further.</summary>
    StartTlsRequired,

    /// <summary>TLS from the first byte (SMTPS, port 465).</summary>
    Implicit,

    /// <summary>Plaintext only.</summary>
    None,
}
