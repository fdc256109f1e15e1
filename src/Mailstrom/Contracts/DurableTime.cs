using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace Mailstrom.Contracts;

/// <summary>Formats times the way Durable Functions' HTTP API does: UTC, second precision, <c>Z</c> suffix.</summary>
public static class DurableTime
{
    /// <summary>The format, for example <c>2026-11-23T20:33:00Z</c>.</summary>
    public const string Pattern = "yyyy-MM-dd'T'HH:mm:ss'Z'";

    /// <summary>Formats <paramref name="time"/> in UTC.</summary>
    /// <param name="time">The time.</param>
    /// <returns>The formatted time.</returns>
    public static string Format(DateTimeOffset time) =>
        time.UtcDateTime.ToString(Pattern, CultureInfo.InvariantCulture);

    /// <summary>Formats <paramref name="time"/> in UTC, or returns <see langword="null"/>.</summary>
    /// <param name="time">The time, if any.</param>
    /// <returns>The formatted time, or <see langword="null"/>.</returns>
    [return: NotNullIfNotNull(nameof(time))]
    public static string? Format(DateTimeOffset? time) => time is { } t ? Format(t) : null;

    /// <summary>Reads a time written by <see cref="Format(DateTimeOffset?)"/>.</summary>
    /// <param name="text">The text, or <see langword="null"/>.</param>
    /// <returns>The time (UTC), or <see langword="null"/> for <see langword="null"/>.</returns>
    /// <exception cref="FormatException">The text is not in <see cref="Pattern"/>.</exception>
    public static DateTimeOffset? Parse(string? text) => text is null
        ? null
        : DateTimeOffset.ParseExact(text, Pattern, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);
}
