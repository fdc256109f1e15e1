namespace Mailstrom.Composition.Signing;

/// <summary>
/// DKIM signing (<c>Mailstrom:Dkim</c>, the <see cref="MailstromOptions.Dkim"/> section): the private keys of the domains
/// Mailstrom signs for, and whether mail from any other domain is refused. An email is signed at acceptance, once, with
/// every key whose <see cref="DkimKeyOptions.Domain"/> is its From header's domain (DMARC alignment), so every delivery
/// attempt, on either engine, sends the same signed octets. With no key configured nothing is signed.
/// </summary>
public sealed class DkimOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Mailstrom:Dkim";

    /// <summary>
    /// The signing keys (<c>Mailstrom:Dkim:Keys:0:Domain</c>, ...). A domain may have two keys, one
    /// <c>rsa-sha256</c> and one <c>ed25519-sha256</c>: its mail then carries both signatures (RFC 8463 §6). Loaded and
    /// checked at start-up; a key that cannot be used stops the start with a message naming its domain and selector.
    /// </summary>
    /// <value>Defaults to none.</value>
    public IList<DkimKeyOptions> Keys { get; set; } = [];

    /// <summary>
    /// Whether an email whose From domain has no key is refused at acceptance (HTTP 400 naming <c>From</c>) rather
    /// than sent unsigned.
    /// </summary>
    /// <value>Defaults to <see langword="false"/>: such an email is sent without a DKIM signature.</value>
    public bool RequireDkim { get; set; }
}
