namespace Mailstrom.Storage;

/// <summary>
/// The worker-facing half of the store contract: claim due recipients under a lease, read message content, and
/// record attempt results. A lease that is not completed expires and the recipient becomes claimable again.
/// </summary>
public interface IDeliveryQueue
{
    /// <summary>
    /// Claims up to <see cref="ClaimRequest.MaxItems"/> recipients that are Queued or Deferred, due at or before
    /// <see cref="ClaimRequest.Now"/>, whose email is not terminated, and that hold no unexpired lease; with a
    /// <see cref="ClaimRequest.GroupLimit"/> above 1 a store may add, for each chosen recipient, the same email's other
    /// such recipients on its domain, up to that limit per (email, domain).
    /// </summary>
    /// <param name="request">Who claims, when, for how long, and how many.</param>
    /// <param name="cancellationToken">Cancels the claim.</param>
    /// <returns>The claimed recipients, oldest due first.</returns>
    Task<IReadOnlyList<DeliveryWorkItem>> ClaimDueAsync(ClaimRequest request, CancellationToken cancellationToken);

    /// <summary>Reads the message bytes of an email.</summary>
    /// <param name="emailId">The email id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The content, or <see langword="null"/> when the email was purged.</returns>
    Task<ReadOnlyMemory<byte>?> GetContentAsync(string emailId, CancellationToken cancellationToken);

    /// <summary>
    /// Records an attempt's result for each recipient and releases their leases. A result is applied only when the
    /// recipient is not final and still holds the lease token it was claimed with; otherwise it is ignored
    /// (invariant: a final state is never overwritten). The email's runtime status is updated in the same commit.
    /// </summary>
    /// <param name="results">The new state of each attempted recipient.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>How many results were applied.</returns>
    Task<int> RecordAsync(IReadOnlyList<RecipientResult> results, CancellationToken cancellationToken);

    /// <summary>Gives up leases without an attempt (graceful shutdown): the recipients become claimable at once.</summary>
    /// <param name="items">The items to release.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the leases are released.</returns>
    Task ReleaseAsync(IReadOnlyList<DeliveryWorkItem> items, CancellationToken cancellationToken);

    /// <summary>The earliest time any recipient becomes claimable (due time or lease expiry), if any.</summary>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The time, or <see langword="null"/> when nothing is pending.</returns>
    Task<DateTimeOffset?> GetNextDueTimeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Releases the unexpired leases of owners that are gone (their process died), so their recipients can be claimed at
    /// once instead of after the lease duration. A lease whose owner is not gone is left alone.
    /// </summary>
    /// <param name="ownerIsGone">Says, for a <see cref="ClaimRequest.Owner"/> holding leases, whether it is gone.</param>
    /// <param name="now">The current time: leases expiring after it are the unexpired ones.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>How many leases were released.</returns>
    Task<int> ReleaseLeasesOfGoneOwnersAsync(Func<string, bool> ownerIsGone, DateTimeOffset now, CancellationToken cancellationToken);
}
