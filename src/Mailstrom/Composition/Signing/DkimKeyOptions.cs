namespace Mailstrom.Composition.Signing;

/// <summary>
/// One DKIM signing key (<c>Mailstrom:Dkim:Keys:{n}</c>): the domain and selector it signs as, its algorithm, and the
/// private key, from a PEM file (<see cref="PrivateKeyPath"/>) or a PEM value (<see cref="PrivateKey"/>, such as an
/// environment variable or a secret reference), exactly one of the two. The key is never logged nor quoted in errors.
/// </summary>
public sealed class DkimKeyOptions
{
    /// <summary>
    /// The signing domain (<c>d=</c>): mail whose From header's domain is exactly this name is signed with the key. A
    /// subdomain is not covered by its parent: give it a key entry of its own. Internationalised names may be given in
    /// Unicode or punycode; the signature carries the punycode form.
    /// </summary>
    /// <value>Required.</value>
    public string Domain { get; set; } = string.Empty;

    /// <summary>
    /// The selector (<c>s=</c>): the public key is published as a TXT record at <c>{Selector}._domainkey.{Domain}</c>.
    /// </summary>
    /// <value>Required.</value>
    public string Selector { get; set; } = string.Empty;

    /// <summary>
    /// The signing algorithm (<c>a=</c>): <c>rsa-sha256</c> (an RSA key of at least 2048 bits) or
    /// <c>ed25519-sha256</c> (RFC 8463).
    /// </summary>
    /// <value>Defaults to <c>rsa-sha256</c>.</value>
    public string Algorithm { get; set; } = DkimAlgorithms.RsaSha256;

    /// <summary>The path of a PEM file holding the private key (PKCS#8 <c>PRIVATE KEY</c>, or PKCS#1 <c>RSA PRIVATE KEY</c>), unencrypted.</summary>
    /// <value>Defaults to none; set this or <see cref="PrivateKey"/>.</value>
    public string? PrivateKeyPath { get; set; }

    /// <summary>The private key itself, as PEM text (the same forms as <see cref="PrivateKeyPath"/>). Never logged.</summary>
    /// <value>Defaults to none; set this or <see cref="PrivateKeyPath"/>.</value>
    public string? PrivateKey { get; set; }
}
