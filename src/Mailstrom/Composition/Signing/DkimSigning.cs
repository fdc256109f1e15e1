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
