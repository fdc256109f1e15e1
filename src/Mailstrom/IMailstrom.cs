using Mailstrom.Composition;
using Mailstrom.Model;
using Mailstrom.Suppression;
using MimeKit;

namespace Mailstrom;

/// <summary>
/// The entry point of Mailstrom: hand over an email, get its id at once, and read every recipient's state back
/// at any time. Either engine implements it: the native engine (a background worker over a store, <c>UseSqlite</c>) or
/// the Durable engine (one orchestration per email on Durable Task, <c>UseDurableTask</c>).
/// </summary>
public interface IMailstrom
{
    /// <summary>Validates and composes <paramref name="request"/>, commits it with all its recipients, and returns its id.</summary>
    /// <param name="request">The email to send.</param>
    /// <param name="cancellationToken">Cancels the submission; nothing is stored when it is cancelled before the commit.</param>
    /// <returns>The id of the accepted email (also its orchestration instance id).</returns>
    /// <exception cref="EmailValidationException">The request is invalid; the exception names the offending field.</exception>
    Task<string> SendAsync(EmailRequest request, CancellationToken cancellationToken = default);

    /// <summary>Accepts an already composed MIME message; recipients come from its To, Cc and Bcc headers.</summary>
    /// <param name="message">The message to send. Its Bcc header is removed from the stored copy.</param>
    /// <param name="cancellationToken">Cancels the submission.</param>
    /// <returns>The id of the accepted email.</returns>
    /// <exception cref="EmailValidationException">The message is invalid; the exception names the offending field.</exception>
    Task<string> SendAsync(MimeMessage message, CancellationToken cancellationToken = default);

    /// <summary>Accepts an email as <see cref="SendAsync(EmailRequest, CancellationToken)"/> does, with options such as an idempotency key.</summary>
    /// <param name="request">The email to send.</param>
    /// <param name="options">How to accept it.</param>
    /// <param name="cancellationToken">Cancels the submission; nothing is stored when it is cancelled before the commit.</param>
    /// <returns>The email's id, and whether an earlier submission with the same key and content was found instead.</returns>
    /// <exception cref="EmailValidationException">The request is invalid; the exception names the offending field.</exception>
    /// <exception cref="Submission.IdempotencyConflictException">The idempotency key was used for a different email within its window.</exception>
    /// <exception cref="ArgumentException">The idempotency key is not 1 to 256 visible ASCII characters.</exception>
    Task<SendResult> SendAsync(EmailRequest request, SendOptions options, CancellationToken cancellationToken = default);

    /// <summary>Accepts a MIME message as <see cref="SendAsync(MimeMessage, CancellationToken)"/> does, with options such as an idempotency key.</summary>
    /// <param name="message">The message to send.</param>
    /// <param name="options">How to accept it.</param>
    /// <param name="cancellationToken">Cancels the submission.</param>
    /// <returns>The email's id, and whether an earlier submission with the same key and content was found instead.</returns>
    /// <exception cref="EmailValidationException">The message is invalid; the exception names the offending field.</exception>
    /// <exception cref="Submission.IdempotencyConflictException">The idempotency key was used for a different email within its window.</exception>
    /// <exception cref="ArgumentException">The idempotency key is not 1 to 256 visible ASCII characters.</exception>
    Task<SendResult> SendAsync(MimeMessage message, SendOptions options, CancellationToken cancellationToken = default);

    /// <summary>Reads the email's runtime status and every recipient's delivery state.</summary>
    /// <param name="id">The email id returned by <c>SendAsync</c>.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The status, or <see langword="null"/> when no such email exists (never accepted, or purged).</returns>
    Task<EmailStatus?> GetStatusAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Stops all further attempts: every recipient not yet final becomes <see cref="DeliveryStatus.Cancelled"/>.</summary>
    /// <param name="id">The email id.</param>
    /// <param name="reason">Why the caller terminated it; stored with the email.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>Whether the email was terminated, unknown, or already terminal.</returns>
    Task<TerminateResult> TerminateAsync(string id, string? reason, CancellationToken cancellationToken = default);

    /// <summary>Deletes the email, its message content and its recipients' states.</summary>
    /// <param name="id">The email id.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns><see langword="true"/> when an email was deleted; <see langword="false"/> when none existed.</returns>
    Task<bool> PurgeAsync(string id, CancellationToken cancellationToken = default);

    /// <summary>Lists emails by runtime status and creation time, newest first, one page at a time.</summary>
    /// <param name="query">Filters, page size and continuation token.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>One page and the token for the next one, if any.</returns>
    /// <exception cref="InvalidContinuationTokenException">The continuation token was not issued by this engine, or was altered.</exception>
    Task<EmailPage> ListAsync(EmailQuery query, CancellationToken cancellationToken = default);

    /// <summary>Lists the suppression list (addresses refused without an attempt), one page at a time.</summary>
    /// <param name="query">Page size and continuation token.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>One page and the token for the next one, if any.</returns>
    /// <exception cref="InvalidContinuationTokenException">The continuation token was not issued by this engine, or was altered.</exception>
    Task<SuppressionPage> ListSuppressionsAsync(SuppressionQuery query, CancellationToken cancellationToken = default);

    /// <summary>Removes an address from the suppression list, so that later email to it is attempted again.</summary>
    /// <param name="address">The address; its domain compares case-insensitively, its local part exactly.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns><see langword="true"/> when the address was on the list; <see langword="false"/> when it was not.</returns>
    /// <exception cref="ArgumentException"><paramref name="address"/> is not <c>local@domain</c> (see <see cref="SuppressionAddress"/>).</exception>
    Task<bool> RemoveSuppressionAsync(string address, CancellationToken cancellationToken = default);
}
