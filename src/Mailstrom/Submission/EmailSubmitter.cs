using Mailstrom.Composition;
using Mailstrom.Hosting;
using Mailstrom.Model;
using Mailstrom.Storage;
using MimeKit;

namespace Mailstrom.Submission;

/// <summary>
/// Accepts email: composes and validates it, commits it with all its recipients, and wakes the delivery worker.
/// The library's <see cref="IMailstrom"/> and the HTTP API both submit through this class.
/// </summary>
public sealed class EmailSubmitter
{
    private readonly EmailComposer _composer;
    private readonly IEmailStore _store;
    private readonly TimeProvider _timeProvider;
    private readonly IWorkSignal _signal;

    /// <summary>Creates the submitter.</summary>
    /// <param name="composer">Composes and validates messages.</param>
    /// <param name="store">Where accepted email is committed.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="signal">Wakes the worker when new work arrives.</param>
    public EmailSubmitter(EmailComposer composer, IEmailStore store, TimeProvider timeProvider, IWorkSignal signal)
    {
        _composer = composer;
        _store = store;
        _timeProvider = timeProvider;
        _signal = signal;
    }

    /// <summary>Composes <paramref name="request"/> and commits it.</summary>
    /// <param name="request">The email.</param>
    /// <param name="idempotency">The caller's idempotency key, if any.</param>
    /// <param name="cancellationToken">Cancels the submission.</param>
    /// <returns>Created with the new id, or the earlier id for a replayed or conflicting idempotency key.</returns>
    /// <exception cref="EmailValidationException">The request is invalid; nothing was stored.</exception>
    public Task<CreateEmailResult> SubmitAsync(EmailRequest request, IdempotencyRequest? idempotency, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var id = EmailIds.New();
        return CommitAsync(id, _composer.Compose(request, id), idempotency, cancellationToken);
    }

    /// <summary>Validates the MIME <paramref name="message"/> and commits it.</summary>
    /// <param name="message">The message; recipients come from its To, Cc and Bcc headers.</param>
    /// <param name="idempotency">The caller's idempotency key, if any.</param>
    /// <param name="cancellationToken">Cancels the submission.</param>
    /// <returns>Created with the new id, or the earlier id for a replayed or conflicting idempotency key.</returns>
    /// <exception cref="EmailValidationException">The message is invalid; nothing was stored.</exception>
    public Task<CreateEmailResult> SubmitAsync(MimeMessage message, IdempotencyRequest? idempotency, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        var id = EmailIds.New();
        return CommitAsync(id, _composer.Compose(message, id), idempotency, cancellationToken);
    }

    private async Task<CreateEmailResult> CommitAsync(
        string id, ComposedEmail email, IdempotencyRequest? idempotency, CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow();
        var key = idempotency is null
            ? null
            : new IdempotencyKey(idempotency.Key, idempotency.RequestHash, now + IdempotencyRequest.Window);
        var result = await _store.CreateAsync(new NewEmail(id, email, now, key), cancellationToken);
        if (result.Outcome == CreateEmailOutcome.Created)
        {
            _signal.Notify();
        }

        return result;
    }
}
