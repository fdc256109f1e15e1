namespace Mailstrom.Durable.Content;

/// <summary>
/// Where the Durable engine keeps each accepted message's bytes, under the email id: orchestration state carries only
/// the reference, so histories and queues stay small however large the message.
/// </summary>
public interface IMessageContentStore
{
    /// <summary>Stores a message's bytes. A second call for the same id keeps the first bytes and fingerprint.</summary>
    /// <param name="emailId">The email id.</param>
    /// <param name="content">The MIME bytes, exactly as they will be sent.</param>
    /// <param name="fingerprint">The fingerprint of the request that carried an idempotency key, or <see langword="null"/>.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes once the bytes are durable.</returns>
    Task PutAsync(string emailId, ReadOnlyMemory<byte> content, string? fingerprint, CancellationToken cancellationToken);

    /// <summary>Reads a message's bytes.</summary>
    /// <param name="emailId">The email id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The bytes, or <see langword="null"/> when none are stored.</returns>
    Task<ReadOnlyMemory<byte>?> GetAsync(string emailId, CancellationToken cancellationToken);

    /// <summary>Deletes a message's bytes, if any.</summary>
    /// <param name="emailId">The email id.</param>
    /// <param name="tombstoneUntil">For an email sent with an idempotency key: keep, until then, a tombstone with its
    /// fingerprint in place of the bytes, so a retry with the key finds the purged email instead of sending it again;
    /// <see langword="null"/> to leave nothing.</param>
    /// <param name="cancellationToken">Cancels the delete.</param>
    /// <returns>A task that completes once the bytes are gone.</returns>
    Task DeleteAsync(string emailId, DateTimeOffset? tombstoneUntil, CancellationToken cancellationToken);

    /// <summary>
    /// Takes, for a short time, the exclusive right to start the email stored under <paramref name="emailId"/>, so that of
    /// several submissions racing with one idempotency key exactly one starts it. The right lapses by itself if its
    /// holder dies.
    /// </summary>
    /// <param name="emailId">The email id (its content must be stored).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The right, with the fingerprint stored with the content, released on disposal; or <see langword="null"/>
    /// while another submission holds it.</returns>
    Task<StartLock?> TryLockAsync(string emailId, CancellationToken cancellationToken);
}

/// <summary>The exclusive right to start one email, and what is stored under its id.</summary>
/// <param name="Fingerprint">The fingerprint stored with the content, or <see langword="null"/>.</param>
/// <param name="PurgedUntil">When the content is a purged email's tombstone: until when it stands; otherwise
/// <see langword="null"/>.</param>
/// <param name="release">Gives the right up.</param>
public sealed class StartLock(string? Fingerprint, DateTimeOffset? PurgedUntil, Func<ValueTask> release) : IAsyncDisposable
{
    /// <summary>The fingerprint stored with the content, or <see langword="null"/>.</summary>
    public string? Fingerprint { get; } = Fingerprint;

    /// <summary>Until when the stored content is a purged email's tombstone, or <see langword="null"/> when it is not one.</summary>
    public DateTimeOffset? PurgedUntil { get; } = PurgedUntil;

    /// <summary>Gives the right up.</summary>
    /// <returns>A task that completes once it is given up.</returns>
    public ValueTask DisposeAsync() => release();
}
