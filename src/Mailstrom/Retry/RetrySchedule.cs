namespace Mailstrom.Retry;

/// <summary>The pure backoff arithmetic of <see cref="RetryOptions"/>.</summary>
public static class RetrySchedule
{
    /// <summary>
    /// The delay before the next attempt after <paramref name="attempts"/> attempts:
    /// <c>InitialDelay × Multiplier^(attempts − 1)</c>, capped at <c>MaxDelay</c>, then spread by the jitter.
    /// </summary>
    /// <param name="attempts">Attempts made so far (1 after the first attempt).</param>
    /// <param name="options">The schedule.</param>
    /// <param name="jitterSample">A uniform sample in [0, 1); 0.5 means no jitter.</param>
    /// <returns>The delay, never negative and never above <c>MaxDelay × (1 + JitterFactor)</c>.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="attempts"/> is below 1.</exception>
    public static TimeSpan DelayAfter(int attempts, RetryOptions options, double jitterSample)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        ArgumentNullException.ThrowIfNull(options);

        var maxTicks = (double)options.MaxDelay.Ticks;
        var exponent = Math.Min(attempts - 1, 1024);
        var ticks = Math.Min(options.InitialDelay.Ticks * Math.Pow(options.Multiplier, exponent), maxTicks);
        var spread = 1.0 + (options.JitterFactor * ((2.0 * Math.Clamp(jitterSample, 0.0, 1.0)) - 1.0));
        return TimeSpan.FromTicks((long)Math.Max(0, ticks * spread));
    }
}
