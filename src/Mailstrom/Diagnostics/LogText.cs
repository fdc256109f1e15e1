using System.Buffers;
using System.Globalization;
using System.Text;

namespace Mailstrom.Diagnostics;

/// <summary>
/// Text that came from outside (a client's path, header, field name, address or id; a remote server's reply), as a log
/// argument that is safe in a log line: control characters (CR, LF, NUL, ESC, DEL, C1), line and paragraph separators,
/// invisible format characters (bidirectional overrides, zero-width characters, tag characters), unassigned code points
/// and lone surrogates become visible escapes, a backslash is doubled so that an escape cannot be forged, and the text is
/// cut to <see cref="MaxLength"/> characters. A line written with it can neither be split in two nor pass for another,
/// and never grows with the request.
/// </summary>
/// <remarks>
/// A <c>[LoggerMessage]</c> method declares every parameter that carries such text as <see cref="LogText"/>, and callers
/// pass the raw string (it converts implicitly): the escaping is then done in this one place, by
/// <see cref="ToString"/>, and only when the line is actually written. The raw text is not exposed to a sink that
/// serialises the argument by its members. Text that is already safe (the common case) is written without a copy.
/// </remarks>
public readonly struct LogText : IEquatable<LogText>
{
    /// <summary>The most characters of the original text kept; a longer text is cut and ends in <c>...(+N)</c>.</summary>
    public const int MaxLength = 512;

    // Every BMP character that needs an escape, plus the surrogates (decided per scalar value in the slow path).
    private static readonly SearchValues<char> _suspicious = SearchValues.Create(
        [.. Enumerable.Range(0, 0x10000).Select(c => (char)c).Where(c => char.IsSurrogate(c) || NeedsEscape(c))]);

    private readonly string? _raw;

    /// <summary>Wraps text from outside.</summary>
    /// <param name="raw">The text as received, or <see langword="null"/>.</param>
    public LogText(string? raw)
    {
        _raw = raw;
    }

    /// <summary>Wraps text from outside (the implicit conversion's named form).</summary>
    /// <param name="raw">The text as received, or <see langword="null"/>.</param>
    /// <returns>The log argument.</returns>
    public static LogText FromString(string? raw) => new(raw);

    /// <summary>Wraps text from outside, so a raw string can be passed where a log method takes <see cref="LogText"/>.</summary>
    /// <param name="raw">The text as received, or <see langword="null"/>.</param>
    public static implicit operator LogText(string? raw) => new(raw);

    /// <summary>Compares two arguments by their raw text.</summary>
    public static bool operator ==(LogText left, LogText right) => left.Equals(right);

    /// <summary>Compares two arguments by their raw text.</summary>
    public static bool operator !=(LogText left, LogText right) => !left.Equals(right);

    /// <summary>The escaped text, as written to the log.</summary>
    /// <returns>The text escaped by <see cref="Escape"/>, or <c>(null)</c>.</returns>
    public override string ToString() => Escape(_raw) ?? "(null)";

    /// <inheritdoc />
    public bool Equals(LogText other) => string.Equals(_raw, other._raw, StringComparison.Ordinal);

    /// <inheritdoc />
    public override bool Equals(object? obj) => obj is LogText other && Equals(other);

    /// <inheritdoc />
    public override int GetHashCode() => _raw is null ? 0 : StringComparer.Ordinal.GetHashCode(_raw);

    /// <summary>Escapes text from outside for a log line.</summary>
    /// <param name="value">The text as received, or <see langword="null"/>.</param>
    /// <returns>
    /// The text with <c>\r</c>, <c>\n</c>, <c>\t</c>, <c>\\</c> and <c>\uXXXX</c> (<c>\UXXXXXXXX</c> above U+FFFF) in
    /// place of unsafe characters, cut after <see cref="MaxLength"/> characters; the same instance when nothing needed a
    /// change; <see langword="null"/> for <see langword="null"/>.
    /// </returns>
    public static string? Escape(string? value)
    {
        if (value is null)
        {
            return null;
        }

        var span = value.AsSpan();
        var cut = span.Length > MaxLength;
        if (cut)
        {
            span = span[..MaxLength];
            if (char.IsHighSurrogate(span[^1]))
            {
                span = span[..^1];
            }
        }

        var first = FirstUnsafe(span);
        if (first < 0 && !cut)
        {
            return value;
        }

        var text = new StringBuilder(span.Length + 16);
        if (first < 0)
        {
            text.Append(span);
        }
        else
        {
            text.Append(span[..first]);
            AppendEscaped(text, span[first..]);
        }

        if (cut)
        {
            text.Append("...(+").Append((value.Length - span.Length).ToString(CultureInfo.InvariantCulture)).Append(')');
        }

        return text.ToString();
    }

    /// <summary>The index of the first character that needs an escape, or -1; a well-formed, visible surrogate pair needs none.</summary>
    private static int FirstUnsafe(ReadOnlySpan<char> span)
    {
        var offset = 0;
        while (true)
        {
            var found = span[offset..].IndexOfAny(_suspicious);
            if (found < 0)
            {
                return -1;
            }

            var index = offset + found;
            if (Rune.DecodeFromUtf16(span[index..], out var rune, out var consumed) != OperationStatus.Done
                || rune.IsBmp
                || NeedsEscape(Rune.GetUnicodeCategory(rune)))
            {
                return index;
            }

            offset = index + consumed;
        }
    }

    private static void AppendEscaped(StringBuilder text, ReadOnlySpan<char> span)
    {
        while (!span.IsEmpty)
        {
            if (Rune.DecodeFromUtf16(span, out var rune, out var consumed) != OperationStatus.Done)
            {
                // A lone surrogate: escape the code unit.
                text.Append(@"\u").Append(((int)span[0]).ToString("X4", CultureInfo.InvariantCulture));
                span = span[1..];
                continue;
            }

            span = span[consumed..];
            switch (rune.Value)
            {
                case '\r':
                    text.Append(@"\r");
                    break;
                case '\n':
                    text.Append(@"\n");
                    break;
                case '\t':
                    text.Append(@"\t");
                    break;
                case '\\':
                    text.Append(@"\\");
                    break;
                default:
                    if (!NeedsEscape(Rune.GetUnicodeCategory(rune)))
                    {
                        text.Append(rune.ToString());
                    }
                    else if (rune.IsBmp)
                    {
                        text.Append(@"\u").Append(rune.Value.ToString("X4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        text.Append(@"\U").Append(rune.Value.ToString("X8", CultureInfo.InvariantCulture));
                    }

                    break;
            }
        }
    }

    private static bool NeedsEscape(char c) => c == '\\' || NeedsEscape(char.GetUnicodeCategory(c));

    private static bool NeedsEscape(UnicodeCategory category) => category is UnicodeCategory.Control
        or UnicodeCategory.Format
        or UnicodeCategory.LineSeparator
        or UnicodeCategory.ParagraphSeparator
        or UnicodeCategory.OtherNotAssigned;
}
