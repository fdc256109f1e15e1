using System.Globalization;

namespace Mailstrom.Composition;

/// <summary>
/// Pure checks on the domain of an address: converts an internationalised domain to ASCII (punycode) and requires a
/// fully qualified host name (RFC 1123 labels, at least two labels, no IP literal).
/// </summary>
internal static class HostNameRules
{
    /// <summary>The longest host name (RFC 1035 §2.3.4).</summary>
    public const int MaxHostNameLength = 253;

    /// <summary>The longest label (RFC 1035 §2.3.4).</summary>
    public const int MaxLabelLength = 63;

    private const string TooLong = "The domain is longer than 253 characters.";

    private static readonly IdnMapping _idn = new() { UseStd3AsciiRules = true, AllowUnassigned = false };

    /// <summary>Converts <paramref name="domain"/> to its lower-case ASCII form and checks it is a usable host name.</summary>
    /// <param name="domain">The domain as written in the address (may be Unicode).</param>
    /// <param name="asciiDomain">The lower-case ASCII (punycode) domain when valid.</param>
    /// <returns><see langword="null"/> when valid; otherwise what is wrong.</returns>
    public static string? TryNormalize(string domain, out string asciiDomain)
    {
        asciiDomain = string.Empty;
        if (domain.Length == 0)
        {
            return "The address has no domain.";
        }

        if (domain[0] == '[')
        {
            return "An IP-literal domain is not accepted; use a domain name such as example.com.";
        }

        foreach (var c in domain)
        {
            var category = CharUnicodeInfo.GetUnicodeCategory(c);
            if (char.IsWhiteSpace(c) || category is UnicodeCategory.Control or UnicodeCategory.Format)
            {
                return "The domain contains a space, control or invisible formatting character.";
            }
        }

        if (domain.Length > MaxHostNameLength)
        {
            return TooLong;
        }

        string ascii;
        try
        {
            // IdnMapping does not case-fold outside ICU, so lower-case first: BÜCHER.de and bücher.de are one domain.
            ascii = _idn.GetAscii(domain.ToLowerInvariant()).ToLowerInvariant();
        }
        catch (ArgumentException)
        {
            return "The domain is not a valid host name (labels of letters, digits and hyphens, separated by dots).";
        }

        var error = CheckAsciiHostName(ascii);
        if (error is null)
        {
            asciiDomain = ascii;
        }

        return error;
    }

    /// <summary>Checks an ASCII host name: length, label syntax, at least two labels, a non-numeric top-level label.</summary>
    /// <param name="host">The lower-case ASCII host name, without a trailing dot.</param>
    /// <returns><see langword="null"/> when valid; otherwise what is wrong.</returns>
    public static string? CheckAsciiHostName(string host)
    {
        if (host.Length > MaxHostNameLength)
        {
            return TooLong;
        }

        var labels = host.Split('.');
        foreach (var label in labels)
        {
            if (!IsLdhLabel(label))
            {
                return "The domain is not a valid host name (labels of letters, digits and hyphens, separated by dots).";
            }
        }

        if (labels.Length < 2)
        {
            return "The domain must be fully qualified, such as example.com.";
        }

        return labels[^1].All(char.IsAsciiDigit)
            ? "The domain is not a valid host name (its last label is numeric)."
            : null;
    }

    private static bool IsLdhLabel(string label) =>
        label.Length is > 0 and <= MaxLabelLength
        && label[0] != '-'
        && label[^1] != '-'
        && label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
}
