using System.Globalization;

namespace Mailstrom.Cli.Rendering;

/// <summary>Times as the table shows them: relative to now ("in 4m 59s", "12s ago"), with the UTC time when far off.</summary>
internal static class WhenText
{
    /// <summary>Formats a time the API wrote (<c>2026-11-23T20:33:05Z</c>) relative to <paramref name="now"/>.</summary>
    /// <param name="apiTime">The API's time, or <see langword="null"/>.</param>
    /// <param name="now">The current time.</param>
    /// <returns>The text, or an empty string for no time.</returns>
    public static string Format(string? apiTime, DateTimeOffset now)
    {
        if (string.IsNullOrEmpty(apiTime))
        {
            return string.Empty;
        }

        if (!DateTimeOffset.TryParse(apiTime, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time))
        {
            return apiTime;
        }

        var delta = time - now;
        if (delta.Duration() < TimeSpan.FromSeconds(1))
        {
            return "now";
        }

        var span = Span(delta.Duration());
        var relative = delta > TimeSpan.Zero ? $"in {span}" : $"{span} ago";
        return delta.Duration() < TimeSpan.FromHours(1)
            ? relative
            : $"{time.UtcDateTime.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}Z ({relative})";
    }

    private static string Span(TimeSpan span) => span switch
    {
        { TotalDays: >= 1 } => $"{(int)span.TotalDays}d {span.Hours}h",
        { TotalHours: >= 1 } => $"{(int)span.TotalHours}h {span.Minutes}m",
        { TotalMinutes: >= 1 } => $"{(int)span.TotalMinutes}m {span.Seconds}s",
        _ => $"{(int)span.TotalSeconds}s",
    };
}
