using System.Globalization;
using System.Text;
using MimeKit;

namespace Mailstrom.Composition;

/// <summary>
/// Pure rules for one header field as it goes on the wire, applied to every header of a raw MIME message (the
/// message's, each MIME part's and each attached message's) and to each custom header of a JSON request once
/// formatted. A field name is printable ASCII without a colon (RFC 5322 §3.6.8); the value holds no control character
/// except TAB and folding line breaks (a CRLF or LF followed by white space); no line is longer than 998 octets
/// (RFC 5322 §2.1.1); 8-bit text is valid UTF-8 (RFC 6532, and then the message needs SMTPUTF8); and the value, with
/// its RFC 2047 encoded-words decoded as a mail reader decodes them, holds no control character except TAB.
/// </summary>
internal static class HeaderFieldRules
{
    /// <summary>The longest header line, in octets without the line break (RFC 5322 §2.1.1).</summary>
    public const int MaxLineOctets = MessageWriter.MaxLineLength;

    private const int MaxShownNameLength = 76;

    /// <summary>Checks one header field.</summary>
    /// <param name="header">The header, as parsed or as formatted by MimeKit.</param>
    /// <returns><see langword="null"/> when it may be sent; otherwise what is wrong.</returns>
    public static string? Check(Header header)
    {
        if (!IsFieldName(header.Field) || !IsRawFieldName(header.RawField, header.Field.Length))
        {
            return "This line is not a header field: a field name is printable ASCII without spaces or colons, followed by a colon (RFC 5322).";
        }

        var raw = header.RawValue;
        var error = CheckBytes(raw, header.RawField.Length + 1);
        if (error is not null)
        {
            return error;
        }

        return TextRules.HasControlCharacter(TextRules.DecodedRaw(raw), allowTab: true)
            ? "The header, as a mail reader decodes it (UTF-8, RFC 2047), holds line breaks or control characters."
            : null;
    }

    /// <summary>Whether <paramref name="name"/> is an RFC 5322 field name: printable ASCII (33–126) except the colon.</summary>
    /// <param name="name">The name.</param>
    /// <returns><see langword="true"/> when valid.</returns>
    public static bool IsFieldName(string? name)
    {
        if (string.IsNullOrEmpty(name))
        {
            return false;
        }

        foreach (var c in name)
        {
            if (c is < '!' or > '~' or ':')
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>The name under which a header is reported: its field name, or what stands before the colon when it has none.</summary>
    /// <param name="header">The header.</param>
    /// <returns>A short printable name.</returns>
    public static string NameOf(Header header)
    {
        var field = header.Field;
        var end = field.AsSpan().IndexOfAny(":\r\n");
        var name = (end >= 0 ? field[..end] : field).Trim();
        var shown = new StringBuilder(Math.Min(name.Length, MaxShownNameLength));
        foreach (var c in name)
        {
            if (shown.Length == MaxShownNameLength)
            {
                return shown.Append("...").ToString();
            }

            shown.Append(c is >= ' ' and <= '~' ? c : '?');
        }

        return shown.Length == 0 ? "?" : shown.ToString();
    }

    // The raw field is the name, optionally followed by white space before the colon (RFC 5322 obs-optional).
    private static bool IsRawFieldName(byte[] rawField, int nameLength)
    {
        for (var i = nameLength; i < rawField.Length; i++)
        {
            if (rawField[i] is not ((byte)' ' or (byte)'\t'))
            {
                return false;
            }
        }

        return rawField.Length >= nameLength;
    }

    private static string? CheckBytes(byte[] raw, int firstLineOffset)
    {
        var line = firstLineOffset;
        var eightBit = false;
        for (var i = 0; i < raw.Length; i++)
        {
            var b = raw[i];
            if (b == '\r' && i + 1 < raw.Length && raw[i + 1] == '\n')
            {
                continue;
            }

            if (b == '\n')
            {
                if (line > MaxLineOctets)
                {
                    return LineTooLong(line);
                }

                if (i + 1 < raw.Length && raw[i + 1] is not ((byte)' ' or (byte)'\t'))
                {
                    return "The header holds a line break that is not folding white space.";
                }

                line = 0;
                continue;
            }

            if ((b < 0x20 && b != '\t') || b == 0x7F)
            {
                return "The header must not contain NUL, line breaks or other control characters.";
            }

            eightBit |= b >= 0x80;
            line++;
        }

        if (line > MaxLineOctets)
        {
            return LineTooLong(line);
        }

        return eightBit && !System.Text.Unicode.Utf8.IsValid(raw)
            ? "The header holds 8-bit text that is not valid UTF-8; encode it (RFC 2047) or send UTF-8 (RFC 6532)."
            : null;
    }

    private static string LineTooLong(int octets) => string.Create(CultureInfo.InvariantCulture,
        $"A line of this header is {octets} octets; the limit is {MaxLineOctets} (RFC 5322 §2.1.1). Fold it at white space.");
}
