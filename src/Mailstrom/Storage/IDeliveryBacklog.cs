namespace Mailstrom.Storage;

/// <summary>A store that can say how much work is waiting, for the backlog gauges of <see cref="Diagnostics.MailstromMetrics"/>.</summary>
public interface IDeliveryBacklog
{
    /// <summary>Counts the waiting recipients.</summary>
    /// <param name="now">The current time: recipients due at or before it are due.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The backlog.</returns>
    Task<DeliveryBacklog> ReadBacklogAsync(DateTimeOffset now, CancellationToken cancellationToken);
}

/// <summary>How much delivery work is waiting.</summary>
/// <param name="Due">Recipients of live emails due now and not being attempted: waiting for a delivery slot.</param>
/// <param name="Deferred">Recipients of live emails in the Deferred state (due now or later).</param>
/// <param name="OldestDueTime">The due time of the longest-waiting due recipient; <see langword="null"/> when none is due.</param>
public sealed record DeliveryBacklog(long Due, long Deferred, DateTimeOffset? OldestDueTime);
