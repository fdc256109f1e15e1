using System.Collections.Frozen;
using System.Globalization;

namespace Mailstrom.Composition;

/// <summary>
/// Rules for the caller-supplied <c>headers</c> and for the subject: RFC 5322 field names, no header injection
/// (values cannot hold CR, LF or other control characters except TAB), and no override of the headers the composer owns.
/// </summary>
internal static class HeaderRules
{
    /// <summary>The most custom headers one email may carry.</summary>
    public const int MaxCustomHeaders = 100;

    /// <summary>The longest custom header name.</summary>
    public const int MaxNameLength = 76;

    /// <summary>The longest custom header value, in characters (RFC 5322 §2.1.1 line limit).</summary>
    public const int MaxValueLength = 998;

    /// <summary>Headers the composer writes itself; <c>Content-*</c> headers are reserved as well.</summary>
    public static FrozenSet<string> ReservedNames { get; } = new[]
    {
        "From", "Sender", "To", "Cc", "Bcc", "Reply-To", "Subject", "Message-ID", "Date", "MIME-Version",
    }.ToFrozenSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Validates the custom headers of a request.</summary>
    /// <param name="headers">Header names to values; <see langword="null"/> for none.</param>
    /// <exception cref="EmailValidationException">A name or value is invalid or reserved, or there are too many.</exception>
    public static void ValidateCustomHeaders(IDictionary<string, string>? headers)
    {
        if (headers is null)
        {
            return;
        }

        if (headers.Count > MaxCustomHeaders)
        {
            throw new EmailValidationException("headers", string.Create(CultureInfo.InvariantCulture,
                $"At most {MaxCustomHeaders} custom headers are allowed; {headers.Count} were given."));
        }

        foreach (var (name, value) in headers)
        {
            var field = "headers." + name;
            var error = CheckName(name) ?? CheckValue(value);
            if (error is not null)
            {
                throw new EmailValidationException(field, error);
            }
        }
    }

    /// <summary>Checks a custom header name.</summary>
    /// <param name="name">The name.</param>
    /// <returns><see langword="null"/> when valid; otherwise what is wrong.</returns>
    public static string? CheckName(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return "A header name is required.";
        }

        if (name.Length > MaxNameLength)
        {
            return "A header name is longer than 76 characters.";
        }

        foreach (var c in name)
        {
            if (c is < '!' or > '~' or ':')
            {
                return "A header name must be printable ASCII without spaces or colons (RFC 5322 field name).";
            }
        }

        if (ReservedNames.Contains(name) || name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase))
        {
            return "The header '" + name + "' is set by Mailstrom and cannot be given in headers; use the request's own fields.";
        }

        return null;
    }

    /// <summary>Checks a custom header value.</summary>
    /// <param name="value">The value.</param>
    /// <returns><see langword="null"/> when valid; otherwise what is wrong.</returns>
    public static string? CheckValue(string? value)
    {
        if (value is null)
        {
            return "A header value is required (use an empty string for an empty header).";
        }

        if (TextRules.HasControlCharacter(value, allowTab: true))
        {
            return "A header value must not contain line breaks or control characters.";
        }

        return value.Length > MaxValueLength ? "A header value is longer than 998 characters." : null;
    }

    /// <summary>Validates the subject line.</summary>
    /// <param name="subject">The subject; <see langword="null"/> for none.</param>
    /// <exception cref="EmailValidationException">The subject holds a line break or control character.</exception>
    public static void ValidateSubject(string? subject)
    {
        if (subject is not null && TextRules.HasControlCharacter(subject, allowTab: true))
        {
            throw new EmailValidationException("subject", "The subject must not contain line breaks or control characters.");
        }
    }
}
