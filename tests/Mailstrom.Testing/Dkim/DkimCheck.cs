using System.Text;
using MimeKit;
using MimeKit.Cryptography;
using Org.BouncyCastle.Crypto;

namespace Mailstrom.Testing.Dkim;

/// <summary>
/// Verifies the DKIM signatures of message octets with MimeKit's <see cref="DkimVerifier"/> against TXT records held in
/// memory (<c>{selector}._domainkey.{domain}</c> → record), as a receiving server would against DNS.
/// </summary>
public sealed class DkimCheck : DkimPublicKeyLocatorBase
{
    private readonly Dictionary<string, string> _records = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Publishes <paramref name="txt"/> for <paramref name="selector"/> of <paramref name="domain"/>.</summary>
    public DkimCheck Publish(string domain, string selector, string txt)
    {
        _records[$"{selector}._domainkey.{domain}"] = txt;
        return this;
    }

    /// <summary>The verdict on each DKIM-Signature of <paramref name="octets"/>, top to bottom: its tags and whether it verifies.</summary>
    public static IReadOnlyList<DkimVerdict> Verify(DkimCheck check, ReadOnlyMemory<byte> octets)
    {
        using var stream = new MemoryStream(octets.ToArray());
        var message = MimeMessage.Load(stream);
        var verifier = new DkimVerifier(check) { MinimumRsaKeyLength = 2048 };
        return message.Headers.Where(h => h.Id == HeaderId.DkimSignature)
            .Select(h => new DkimVerdict(Tags(h.Value), verifier.Verify(message, h)))
            .ToList();
    }

    /// <summary>The tags of a DKIM-Signature value, whitespace removed (<c>h</c> → <c>from:from:to:...</c>).</summary>
    public static IReadOnlyDictionary<string, string> Tags(string value) => value
        .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        .Select(t => t.Split('=', 2))
        .ToDictionary(p => p[0], p => new string(p[1].Where(c => !char.IsWhiteSpace(c)).ToArray()), StringComparer.Ordinal);

    public override AsymmetricKeyParameter LocatePublicKey(string methods, string domain, string selector, CancellationToken cancellationToken = default) =>
        _records.TryGetValue($"{selector}._domainkey.{domain}", out var txt)
            ? GetPublicKey(txt)
            : throw new InvalidOperationException($"no TXT record at {selector}._domainkey.{domain}");

    public override Task<AsymmetricKeyParameter> LocatePublicKeyAsync(string methods, string domain, string selector, CancellationToken cancellationToken = default) =>
        Task.FromResult(LocatePublicKey(methods, domain, selector, cancellationToken));

    /// <summary>The text of <paramref name="octets"/>, for assertions on headers.</summary>
    public static string Text(ReadOnlyMemory<byte> octets) => Encoding.UTF8.GetString(octets.Span);
}

/// <summary>One DKIM-Signature's tags and whether it verifies.</summary>
public sealed record DkimVerdict(IReadOnlyDictionary<string, string> Tags, bool Valid);
