using System.ComponentModel.DataAnnotations;

namespace Mailstrom.Retry;

/// <summary>
/// The retry schedule for temporary failures (<c>Mailstrom:Retry</c>): exponential backoff from
/// <see cref="InitialDelay"/>, multiplied by <see cref="Multiplier"/> per attempt, capped at <see cref="MaxDelay"/>,
/// giving up after <see cref="MaxAge"/> (or <see cref="MaxAttempts"/>, when set).
/// </summary>
public sealed class RetryOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Mailstrom:Retry";

    /// <summary>The delay before the first retry.</summary>
    /// <value>Defaults to 5 minutes (Postfix's minimal_backoff_time).</value>
    [Range(typeof(TimeSpan), "00:00:00.001", "7.00:00:00")]
    public TimeSpan InitialDelay { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The factor each further delay grows by.</summary>
    /// <value>Defaults to 2 (doubling).</value>
    [Range(1.0, 10.0)]
    public double Multiplier { get; set; } = 2.0;

    /// <summary>The longest delay between two attempts.</summary>
    /// <value>Defaults to 1 hour.</value>
    [Range(typeof(TimeSpan), "00:00:00.001", "7.00:00:00")]
    public TimeSpan MaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long after acceptance Mailstrom keeps retrying before it marks a recipient Failed.</summary>
    /// <value>Defaults to 4 days (RFC 5321 §4.5.4.1: at least 4–5 days).</value>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan MaxAge { get; set; } = TimeSpan.FromDays(4);

    /// <summary>The most attempts per recipient, or <see langword="null"/> for no limit beyond <see cref="MaxAge"/>.</summary>
    /// <value>Defaults to unset.</value>
    [Range(1, 10_000)]
    public int? MaxAttempts { get; set; }

    /// <summary>Random spread applied to each delay, as a fraction of it (0.1 = ±10%).</summary>
    /// <value>Defaults to 0.1.</value>
    [Range(0.0, 0.5)]
    public double JitterFactor { get; set; } = 0.1;
}
