using System.Diagnostics.CodeAnalysis;
using System.Text;
using MimeKit;

namespace Mailstrom.Composition;

/// <summary>
/// Pure parsing of one RFC 5322 mailbox (<c>user@example.com</c> or <c>"Name" &lt;user@example.com&gt;</c>) with MimeKit's
/// strict parser, plus the rules production mail needs: exactly one mailbox, a fully qualified domain (converted to
/// punycode), a local part of at most 64 octets and an address of at most 254 octets.
/// </summary>
internal static class AddressParser
{
    /// <summary>The longest local part, in octets (RFC 5321 §4.5.3.1.1).</summary>
    public const int MaxLocalPartOctets = 64;

    /// <summary>The longest address, in octets (RFC 5321 §4.5.3.1.3 path limit less the angle brackets).</summary>
    public const int MaxAddressOctets = 254;

    /// <summary>MimeKit's parser in strict RFC mode, refusing addresses without a domain.</summary>
    public static ParserOptions StrictOptions { get; } = CreateStrictOptions();

    /// <summary>Parses a mailbox written by a caller.</summary>
    /// <param name="text">The mailbox text.</param>
    /// <param name="address">The parsed address when valid.</param>
    /// <param name="error">What is wrong when invalid.</param>
    /// <returns>Whether <paramref name="text"/> is one valid mailbox.</returns>
    public static bool TryParse(string? text, [NotNullWhen(true)] out ParsedAddress? address, [NotNullWhen(false)] out string? error)
    {
        address = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            error = "An address is required.";
            return false;
        }

        if (TextRules.HasControlCharacter(text, allowTab: false))
        {
            error = "An address must not contain line breaks or control characters.";
            return false;
        }

        if (!InternetAddressList.TryParse(StrictOptions, text, out var list) || list.Count == 0)
        {
            error = "The address is not a valid RFC 5322 mailbox; expected user@example.com or \"Name\" <user@example.com>.";
            return false;
        }

        if (list.Count > 1 || list[0] is not MailboxAddress mailbox)
        {
            error = "Exactly one mailbox is expected here, not a list or a group.";
            return false;
        }

        if (mailbox.Route.Count > 0)
        {
            error = "A source route is not accepted in an address.";
            return false;
        }

        return TryValidate(mailbox, out address, out error);
    }

    /// <summary>Validates a mailbox already parsed by MimeKit (for example from a raw MIME header).</summary>
    /// <param name="mailbox">The mailbox.</param>
    /// <param name="address">The parsed address when valid.</param>
    /// <param name="error">What is wrong when invalid.</param>
    /// <returns>Whether the mailbox is usable for delivery.</returns>
    public static bool TryValidate(MailboxAddress mailbox, [NotNullWhen(true)] out ParsedAddress? address, [NotNullWhen(false)] out string? error)
    {
        address = null;
        if (mailbox.Name is { } name && NameRules.CheckDisplayName(name) is { } nameError)
        {
            error = nameError;
            return false;
        }

        // Address keeps a quoted local part quoted ("a b"@example.com); the domain follows the last '@'.
        var full = mailbox.Address;
        var at = full.LastIndexOf('@');
        if (at <= 0)
        {
            error = "The address is not a valid RFC 5322 mailbox; expected user@example.com or \"Name\" <user@example.com>.";
            return false;
        }

        var localPart = full[..at];
        error = HostNameRules.TryNormalize(full[(at + 1)..], out var domain);
        if (error is not null)
        {
            return false;
        }

        var localOctets = Encoding.UTF8.GetByteCount(localPart);
        if (localOctets > MaxLocalPartOctets)
        {
            error = "The local part (before the @) is longer than 64 octets.";
            return false;
        }

        if (localOctets + 1 + domain.Length > MaxAddressOctets)
        {
            error = "The address is longer than 254 octets.";
            return false;
        }

        var envelope = localPart + "@" + domain;
        var requiresSmtpUtf8 = !Ascii.IsValid(localPart);
        address = new ParsedAddress(new MailboxAddress(mailbox.Name, envelope), envelope, domain, requiresSmtpUtf8);
        return true;
    }

    private static ParserOptions CreateStrictOptions()
    {
        var options = ParserOptions.Default.Clone();
        options.AddressParserComplianceMode = RfcComplianceMode.Strict;
        options.AllowAddressesWithoutDomain = false;
        return options;
    }
}
