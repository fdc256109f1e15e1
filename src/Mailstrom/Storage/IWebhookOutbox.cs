namespace Mailstrom.Storage;

/// <summary>
/// The native engine's webhook outbox: events a store wrote in the same transaction as the status changes they tell of,
/// one entry per (event, endpoint), claimed by the dispatcher and completed with the retry rule's decision. An entry
/// whose claim lapses (its process died mid-request) is claimed again: delivery is at least once.
/// </summary>
public interface IWebhookOutbox
{
    /// <summary>
    /// Claims up to <paramref name="maxItems"/> entries due at or before <paramref name="now"/>, earliest first, by
    /// moving their due time to <paramref name="now"/> + <paramref name="claimDuration"/>.
    /// </summary>
    /// <param name="now">The current time.</param>
    /// <param name="maxItems">The most entries to claim.</param>
    /// <param name="claimDuration">How long the claim holds before the entries are due again.</param>
    /// <param name="cancellationToken">Cancels the claim.</param>
    /// <returns>The claimed entries.</returns>
    Task<IReadOnlyList<WebhookOutboxEntry>> ClaimDueAsync(DateTimeOffset now, int maxItems, TimeSpan claimDuration, CancellationToken cancellationToken);

    /// <summary>
    /// Records tries: a delivered entry is removed, a retried one is due again at its next attempt time, a dead one is
    /// kept, no longer due, with its last error. A result whose claim has lapsed (another claim took the entry) is ignored.
    /// </summary>
    /// <param name="results">The tries.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the results are durable.</returns>
    Task RecordAsync(IReadOnlyList<WebhookOutboxResult> results, CancellationToken cancellationToken);

    /// <summary>The earliest time an entry is due (its next try, or the end of its claim), if any.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The time, or <see langword="null"/> when nothing waits.</returns>
    Task<DateTimeOffset?> GetNextDueTimeAsync(CancellationToken cancellationToken);

    /// <summary>Counts the entries given up (dead), kept for inspection.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The count.</returns>
    Task<long> CountDeadAsync(CancellationToken cancellationToken);
}
