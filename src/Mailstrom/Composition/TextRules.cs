using System.Globalization;
using System.Text;
using MimeKit.Utils;

namespace Mailstrom.Composition;

/// <summary>Pure checks on text that ends up in a header line.</summary>
internal static class TextRules
{
    /// <summary>Whether <paramref name="text"/> holds CR, LF or another control character (C0, DEL or C1).</summary>
    /// <param name="text">The text.</param>
    /// <param name="allowTab">Whether a horizontal tab is allowed.</param>
    /// <returns><see langword="true"/> when a forbidden character is present.</returns>
    public static bool HasControlCharacter(string text, bool allowTab)
    {
        foreach (var c in text)
        {
            if (char.IsControl(c) && !(allowTab && c == '\t'))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// <paramref name="text"/> with its RFC 2047 encoded-words decoded the way a mail reader decodes them (also inside
    /// quoted strings), so that the checks see what the recipient will see: an encoded CR, LF or NUL would otherwise
    /// smuggle a line break past them.
    /// </summary>
    /// <param name="text">The text as written (encoded-words still encoded).</param>
    /// <returns>The decoded text; <paramref name="text"/> itself when it holds no encoded-word.</returns>
    public static string Decoded(string text) =>
        text.Contains("=?", StringComparison.Ordinal) ? Rfc2047.DecodeText(AddressParser.StrictOptions, Encoding.UTF8.GetBytes(text)) : text;

    /// <summary>Raw header bytes unfolded (folding line breaks removed) and decoded as a mail reader does.</summary>
    /// <param name="raw">The raw header value, possibly folded.</param>
    /// <returns>The decoded text.</returns>
    public static string DecodedRaw(byte[] raw) => Rfc2047.DecodeText(AddressParser.StrictOptions, Unfold(raw));

    /// <summary>
    /// Whether <paramref name="text"/> holds a character that hides or reorders what a reader sees: Unicode format
    /// characters (category Cf: bidi embeddings and overrides U+202A–U+202E and isolates U+2066–U+2069, zero-width
    /// U+200B–U+200F, the byte order mark U+FEFF, soft hyphen, ...), the line and paragraph separators U+2028/U+2029,
    /// or a lone surrogate. Refused in display names and file names, where they disguise who sent what.
    /// </summary>
    /// <param name="text">The name.</param>
    /// <returns><see langword="true"/> when a disguising character is present.</returns>
    public static bool HasDisguisingCharacter(string text)
    {
        var rest = text.AsSpan();
        while (!rest.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(rest, out var rune, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return true;
            }

            if (Rune.GetUnicodeCategory(rune) is UnicodeCategory.Format or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator)
            {
                return true;
            }

            rest = rest[consumed..];
        }

        return false;
    }

    /// <summary>Removes folding line breaks (CRLF or LF followed by white space) from raw header bytes.</summary>
    private static byte[] Unfold(byte[] raw)
    {
        if (Array.IndexOf(raw, (byte)'\n') < 0)
        {
            return raw;
        }

        var unfolded = new List<byte>(raw.Length);
        for (var i = 0; i < raw.Length; i++)
        {
            var b = raw[i];
            if (b == '\r' && i + 1 < raw.Length && raw[i + 1] == '\n')
            {
                continue;
            }

            if (b != '\n')
            {
                unfolded.Add(b);
            }
        }

        return [.. unfolded];
    }
}
