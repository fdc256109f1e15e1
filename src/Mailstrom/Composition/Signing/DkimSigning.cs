using MimeKit;
using MimeKit.Cryptography;

namespace Mailstrom.Composition.Signing;

/// <summary>
/// Signs composed messages with the keys of <see cref="DkimOptions"/>: the signing domain is the From header's domain
/// (the first author's, in punycode), matched exactly; a message is signed with every key of that domain (one
/// DKIM-Signature each, relaxed/relaxed, the fields of <see cref="DkimSignedHeaders"/>). MimeKit's
/// <see cref="DkimSigner"/> canonicalises and hashes; this class only decides which keys and which fields. Each
/// signing creates its own signing context, so one instance serves concurrent compositions.
/// </summary>
internal sealed class DkimSigning
{
    private readonly Dictionary<string, DkimSigner[]> _signers;
    private readonly bool _requireDkim;

    private DkimSigning(Dictionary<string, DkimSigner[]> signers, bool requireDkim)
    {
        _signers = signers;
        _requireDkim = requireDkim;
    }

    /// <summary>Signing with no key: nothing is signed, nothing refused.</summary>
    public static DkimSigning None { get; } = new([], requireDkim: false);

    /// <summary>Loads the keys of <paramref name="options"/>.</summary>
    /// <param name="options">The DKIM settings, already validated at start-up.</param>
    /// <param name="timeProvider">The clock for the signatures' <c>t=</c>.</param>
    /// <returns>The signing.</returns>
    /// <exception cref="InvalidOperationException">A key cannot be used (the message names each, never its material).</exception>
    public static DkimSigning Create(DkimOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        var load = DkimKeyLoader.Load(options);
        if (load.Failures.Count > 0)
        {
            throw new InvalidOperationException("DKIM keys cannot be used: " + string.Join(" ", load.Failures));
        }

        var signers = load.Keys
            .GroupBy(k => k.Domain, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Select(k => (DkimSigner)new ClockedDkimSigner(k, timeProvider)).ToArray(), StringComparer.Ordinal);
        return new DkimSigning(signers, options.RequireDkim);
    }

    /// <summary>The signers for mail from <paramref name="fromDomain"/>; refuses the email when none and DKIM is required.</summary>
    /// <param name="fromDomain">The From header's domain, lower-case ASCII.</param>
    /// <param name="field">The From field's name in the submission's shape (<c>from</c> in JSON, <c>From</c> in raw MIME).</param>
    /// <returns>The signers, empty when the email goes unsigned.</returns>
    /// <exception cref="EmailValidationException">No key signs for <paramref name="fromDomain"/> and
    /// <see cref="DkimOptions.RequireDkim"/> is set (named <paramref name="field"/>).</exception>
    public IReadOnlyList<DkimSigner> SignersFor(string fromDomain, string field)
    {
        if (_signers.TryGetValue(fromDomain, out var signers))
        {
            return signers;
        }

        if (_requireDkim)
        {
            throw new EmailValidationException(field,
                $"No DKIM key signs for the From domain {fromDomain}, and this server sends only signed mail (Mailstrom:Dkim:RequireDkim).");
        }

        return [];
    }

    /// <summary>
    /// Under <see cref="DkimOptions.RequireDkim"/>, refuses a message with an author outside the domain it is signed for:
    /// a receiver checks DMARC alignment against every From domain (RFC 7489 §6.6.1), and only the first one's key signs.
    /// </summary>
    /// <param name="authorDomains">The domains of every From mailbox, as written.</param>
    /// <param name="fromDomain">The signed (first) author's domain, lower-case ASCII.</param>
    /// <param name="field">The From field's name in the submission's shape.</param>
    /// <exception cref="EmailValidationException">An author is in another domain and DKIM is required.</exception>
    public void CheckAuthors(IEnumerable<string> authorDomains, string fromDomain, string field)
    {
        ArgumentNullException.ThrowIfNull(authorDomains);
        if (!_requireDkim)
        {
            return;
        }

        foreach (var domain in authorDomains)
        {
            var ascii = HostNameRules.TryNormalize(domain.TrimEnd('.'), out var normalized) is null ? normalized : domain;
            if (!string.Equals(ascii, fromDomain, StringComparison.Ordinal))
            {
                throw new EmailValidationException(field,
                    $"Every From mailbox must be in {fromDomain}, the domain the message is signed for, as this server sends only signed mail (Mailstrom:Dkim:RequireDkim).");
            }
        }
    }

    /// <summary>Adds one DKIM-Signature per signer to <paramref name="message"/>, computed over the octets
    /// <paramref name="format"/> writes.</summary>
    /// <param name="message">The message, prepared for writing and not to be changed after this.</param>
    /// <param name="format">The options the message will be written with.</param>
    /// <param name="signers">The signers, from <see cref="SignersFor"/>.</param>
    public static void Sign(MimeMessage message, FormatOptions format, IReadOnlyList<DkimSigner> signers)
    {
        if (signers.Count == 0)
        {
            return;
        }

        var fields = DkimSignedHeaders.For(message);
        foreach (var signer in signers)
        {
            signer.Sign(format, message, [.. fields]);
        }
    }
}
