using Mailstrom.Model;

namespace Mailstrom.Storage;

/// <summary>
/// The caller-facing half of the store contract: commit accepted email, read and manage it. Every backend
/// (SQLite, Azure Storage) implements this and <see cref="IDeliveryQueue"/>, and passes the same conformance suite.
/// </summary>
public interface IEmailStore
{
    /// <summary>
    /// Commits the email, its content and all its recipients (as <see cref="DeliveryStatus.Queued"/>, due at once)
    /// atomically. Returns only after the commit is durable.
    /// </summary>
    /// <param name="email">The email to store.</param>
    /// <param name="cancellationToken">Cancels the write; nothing is stored when it is cancelled.</param>
    /// <returns>Created; or, when <see cref="NewEmail.Idempotency"/> matches an earlier submission, the earlier id
    /// (same request) or a conflict (different request).</returns>
    Task<CreateEmailResult> CreateAsync(NewEmail email, CancellationToken cancellationToken);

    /// <summary>Reads one email's status with all its recipients.</summary>
    /// <param name="id">The email id.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The status, or <see langword="null"/> when unknown.</returns>
    Task<EmailStatus?> GetStatusAsync(string id, CancellationToken cancellationToken);

    /// <summary>Marks the email Terminated and every recipient not yet final Cancelled.</summary>
    /// <param name="id">The email id.</param>
    /// <param name="reason">The caller's reason.</param>
    /// <param name="now">The time of termination.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>What happened.</returns>
    Task<TerminateResult> TerminateAsync(string id, string? reason, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>Deletes the email, its content and its recipients.</summary>
    /// <param name="id">The email id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>Whether an email was deleted.</returns>
    Task<bool> PurgeAsync(string id, CancellationToken cancellationToken);

    /// <summary>Lists emails newest first.</summary>
    /// <param name="query">Filters and paging.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>One page.</returns>
    /// <exception cref="ArgumentException">The continuation token is malformed.</exception>
    Task<EmailPage> ListAsync(EmailQuery query, CancellationToken cancellationToken);
}
