namespace Mailstrom.Composition;

/// <summary>
/// Rules for the names a reader trusts: display names (of every mailbox and group in From, Sender, Reply-To, To, Cc
/// and Bcc) and attachment file names, in JSON requests and raw MIME alike. Both are checked as written and as a mail
/// reader decodes them (RFC 2047): no control characters, and nothing that hides or reorders text
/// (<see cref="TextRules.HasDisguisingCharacter"/>).
/// </summary>
internal static class NameRules
{
    /// <summary>The longest attachment file name, in characters.</summary>
    public const int MaxFileNameLength = 255;

    /// <summary>Checks a display name.</summary>
    /// <param name="name">The display name.</param>
    /// <returns><see langword="null"/> when acceptable; otherwise what is wrong.</returns>
    public static string? CheckDisplayName(string name)
    {
        var decoded = TextRules.Decoded(name);
        if (TextRules.HasControlCharacter(name, allowTab: true) || TextRules.HasControlCharacter(decoded, allowTab: true))
        {
            return "The display name must not contain line breaks or control characters.";
        }

        return TextRules.HasDisguisingCharacter(name) || TextRules.HasDisguisingCharacter(decoded)
            ? "The display name must not contain invisible or direction-changing characters (Unicode bidi controls, zero-width characters, U+2028/U+2029, U+FEFF)."
            : null;
    }

    /// <summary>Checks an attachment file name.</summary>
    /// <param name="fileName">The file name.</param>
    /// <returns><see langword="null"/> when acceptable; otherwise what is wrong.</returns>
    public static string? CheckFileName(string? fileName)
    {
        if (string.IsNullOrWhiteSpace(fileName))
        {
            return "An attachment file name is required.";
        }

        if (fileName.Length > MaxFileNameLength)
        {
            return "The file name is longer than 255 characters.";
        }

        var decoded = TextRules.Decoded(fileName);
        if (TextRules.HasControlCharacter(fileName, allowTab: false) || TextRules.HasControlCharacter(decoded, allowTab: false))
        {
            return "The file name must not contain line breaks or control characters.";
        }

        if (TextRules.HasDisguisingCharacter(fileName) || TextRules.HasDisguisingCharacter(decoded))
        {
            return "The file name must not contain invisible or direction-changing characters (Unicode bidi controls, zero-width characters, U+2028/U+2029, U+FEFF).";
        }

        return IsPath(fileName) || IsPath(decoded) ? "The file name must be a plain name without a path." : null;
    }

    private static bool IsPath(string name) =>
        name.Contains('/', StringComparison.Ordinal) || name.Contains('\\', StringComparison.Ordinal) || name.Trim() is "." or "..";
}
