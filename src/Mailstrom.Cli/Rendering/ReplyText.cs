using System.Globalization;
using System.Text;
using Mailstrom.Contracts;

namespace Mailstrom.Cli.Rendering;

/// <summary>A recipient's last SMTP reply in one line: code, enhanced code and text, cut to a readable length.</summary>
internal static class ReplyText
{
    /// <summary>The longest reply shown; longer ones end in an ellipsis.</summary>
    public const int MaxLength = 80;

    /// <summary>Formats the reply, such as <c>451 4.3.0 Try again later</c>.</summary>
    /// <param name="recipient">The recipient.</param>
    /// <param name="maxLength">The longest result.</param>
    /// <returns>The reply, or an empty string when no attempt has replied yet.</returns>
    public static string Format(RecipientStatusResponse recipient, int maxLength = MaxLength)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        var text = new StringBuilder();
        if (recipient.SmtpCode is { } code)
        {
            text.Append(code.ToString(CultureInfo.InvariantCulture));
        }

        var response = OneLine(recipient.Response);
        if (recipient.EnhancedStatusCode is { } enhanced
            && (response is null || !response.StartsWith(enhanced + " ", StringComparison.Ordinal)))
        {
            // Servers usually repeat the enhanced code at the start of the text; show it once.
            Append(text, enhanced);
        }

        Append(text, response);
        return Cut(text.ToString(), maxLength);
    }

    /// <summary>Cuts <paramref name="value"/> to <paramref name="maxLength"/> characters, ending in an ellipsis when cut.</summary>
    /// <param name="value">The text.</param>
    /// <param name="maxLength">The longest result, at least 2.</param>
    /// <returns>The text, cut.</returns>
    public static string Cut(string value, int maxLength)
    {
        ArgumentNullException.ThrowIfNull(value);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxLength, 2);
        return value.Length <= maxLength ? value : value[..(maxLength - 1)].TrimEnd() + "…";
    }

    private static void Append(StringBuilder text, string? part)
    {
        if (string.IsNullOrWhiteSpace(part))
        {
            return;
        }

        if (text.Length > 0)
        {
            text.Append(' ');
        }

        text.Append(part.Trim());
    }

    // A multi-line reply (250-... continuation lines) reads best joined with spaces.
    private static string? OneLine(string? response) =>
        response is null ? null : string.Join(' ', response.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
