namespace Mailstrom.Cli.Watching;

/// <summary>
/// How long the watch view waits between two reads of the status. By default it does what the server's
/// <c>Retry-After</c> asks, kept within <see cref="Minimum"/> and <see cref="Maximum"/> so that a missing, tiny or huge
/// value neither hammers the server nor stalls the view; a fixed interval (<c>--interval</c>) replaces that.
/// </summary>
internal sealed class PollingSchedule
{
    /// <summary>The shortest wait that follows the server.</summary>
    public static readonly TimeSpan Minimum = TimeSpan.FromSeconds(1);

    /// <summary>The longest wait that follows the server.</summary>
    public static readonly TimeSpan Maximum = TimeSpan.FromSeconds(30);

    /// <summary>The wait when the server sends no <c>Retry-After</c>.</summary>
    public static readonly TimeSpan WithoutRetryAfter = TimeSpan.FromSeconds(5);

    /// <summary>The shortest fixed interval accepted.</summary>
    public static readonly TimeSpan MinimumFixed = TimeSpan.FromMilliseconds(50);

    /// <summary>The longest fixed interval accepted.</summary>
    public static readonly TimeSpan MaximumFixed = TimeSpan.FromMinutes(5);

    private readonly TimeSpan? _fixed;

    /// <summary>Creates the schedule.</summary>
    /// <param name="fixedInterval">A fixed interval that replaces the server's <c>Retry-After</c>, or <see langword="null"/> to follow it.</param>
    /// <exception cref="ArgumentOutOfRangeException">The fixed interval is outside <see cref="MinimumFixed"/> to <see cref="MaximumFixed"/>.</exception>
    public PollingSchedule(TimeSpan? fixedInterval = null)
    {
        if (fixedInterval is { } interval)
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(interval, MinimumFixed, nameof(fixedInterval));
            ArgumentOutOfRangeException.ThrowIfGreaterThan(interval, MaximumFixed, nameof(fixedInterval));
        }

        _fixed = fixedInterval;
    }

    /// <summary>The wait before the next read.</summary>
    /// <param name="retryAfter">The last answer's <c>Retry-After</c>, if any.</param>
    /// <returns>The wait.</returns>
    public TimeSpan Next(TimeSpan? retryAfter)
    {
        if (_fixed is { } interval)
        {
            return interval;
        }

        var asked = retryAfter ?? WithoutRetryAfter;
        return asked < Minimum ? Minimum : asked > Maximum ? Maximum : asked;
    }
}
