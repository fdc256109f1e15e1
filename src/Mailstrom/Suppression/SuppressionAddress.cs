using Mailstrom.Composition;

namespace Mailstrom.Suppression;

/// <summary>
/// The one key of an address on the suppression list: the local part exactly as given (RFC 5321 §2.4 lets a mailbox
/// be case-sensitive, and recipients are stored as submitted) and the domain in lower-case ASCII (IDNA), so
/// <c>Bob@Example.COM</c> and <c>Bob@example.com</c> are one entry while <c>bob@example.com</c> is another. The
/// domain must be a host name a recipient could have (<see cref="HostNameRules"/>).
/// </summary>
public static class SuppressionAddress
{
    /// <summary>The longest address accepted, in characters; in octets, the recipients' limits apply too (a local part of
    /// at most 64 octets, an address of at most 254).</summary>
    public const int MaxLength = 320;

    /// <summary>Normalizes <paramref name="address"/>, or says it is malformed.</summary>
    /// <param name="address">An address such as <c>someone@example.com</c>.</param>
    /// <param name="normalized">The key, when the address is well formed.</param>
    /// <returns>Whether <paramref name="address"/> is a <c>local@domain</c> address without spaces or control characters.</returns>
    public static bool TryNormalize(string? address, out string normalized)
    {
        normalized = string.Empty;
        if (string.IsNullOrEmpty(address) || address.Length > MaxLength
            || address.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            return false;
        }

        var at = address.LastIndexOf('@');
        if (at < 1 || at == address.Length - 1)
        {
            return false;
        }

        // The domain meets the same rules as a recipient's (HostNameRules): an address Mailstrom would never accept
        // cannot be on the list.
        if (HostNameRules.TryNormalize(address[(at + 1)..].TrimEnd('.'), out var domain) is not null)
        {
            return false;
        }

        // The recipients' size limits too (AddressParser): they also keep an escaped address within a blob name.
        var localOctets = System.Text.Encoding.UTF8.GetByteCount(address.AsSpan(0, at));
        if (localOctets > AddressParser.MaxLocalPartOctets || localOctets + 1 + domain.Length > AddressParser.MaxAddressOctets)
        {
            return false;
        }

        normalized = string.Concat(address.AsSpan(0, at + 1), domain);
        return true;
    }

    /// <summary>Normalizes an address known to be well formed (a recipient Mailstrom accepted).</summary>
    /// <param name="address">The address.</param>
    /// <returns>The key.</returns>
    /// <exception cref="ArgumentException"><paramref name="address"/> is malformed.</exception>
    public static string Normalize(string address) => TryNormalize(address, out var normalized)
        ? normalized
        : throw new ArgumentException("The address is not local@domain without spaces or control characters.", nameof(address));
}
