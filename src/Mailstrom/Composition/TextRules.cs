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
}
