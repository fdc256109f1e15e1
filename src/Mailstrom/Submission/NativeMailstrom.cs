using Mailstrom.Model;
using Mailstrom.Storage;
using Mailstrom.Suppression;
using Mailstrom.Webhooks.Outbox;
using MimeKit;

namespace Mailstrom.Submission;

/// <summary>The native engine's <see cref="IMailstrom"/>: submissions go through <see cref="EmailSubmitter"/>, reads to the store.</summary>
internal sealed class NativeMailstrom(
    EmailSubmitter submitter, IEmailStore store, TimeProvider timeProvider, OutboxSignal? webhooks = null, ISuppressionList? suppressions = null) : IMailstrom
{
    public async Task<string> SendAsync(EmailRequest request, CancellationToken cancellationToken = default) =>
        (await submitter.SubmitAsync(request, null, cancellationToken)).Id;

    public async Task<string> SendAsync(MimeMessage message, CancellationToken cancellationToken = default) =>
        (await submitter.SubmitAsync(message, null, cancellationToken)).Id;

    public async Task<SendResult> SendAsync(EmailRequest request, SendOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        return ToResult(await submitter.SubmitAsync(request, IdempotencyRequest.For(options, request), cancellationToken));
    }

    public async Task<SendResult> SendAsync(MimeMessage message, SendOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(options);
        return ToResult(await submitter.SubmitAsync(message, IdempotencyRequest.For(options, message), cancellationToken));
    }

    public Task<EmailStatus?> GetStatusAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        return EmailIds.IsWellFormed(id) ? store.GetStatusAsync(id, cancellationToken) : Task.FromResult<EmailStatus?>(null);
    }

    public async Task<TerminateResult> TerminateAsync(string id, string? reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (!EmailIds.IsWellFormed(id))
        {
            return TerminateResult.NotFound;
        }

        var result = await store.TerminateAsync(id, reason, timeProvider.GetUtcNow(), cancellationToken);
        webhooks?.Notify();
        return result;
    }

    public Task<bool> PurgeAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        return EmailIds.IsWellFormed(id) ? store.PurgeAsync(id, cancellationToken) : Task.FromResult(false);
    }

    public Task<EmailPage> ListAsync(EmailQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return store.ListAsync(query, cancellationToken);
    }

    public Task<SuppressionPage> ListSuppressionsAsync(SuppressionQuery query, CancellationToken cancellationToken = default) =>
        SuppressionCommands.ListAsync(suppressions, query, cancellationToken);

    public Task<bool> RemoveSuppressionAsync(string address, CancellationToken cancellationToken = default) =>
        SuppressionCommands.RemoveAsync(suppressions, address, cancellationToken);

    private static SendResult ToResult(CreateEmailResult result) => result.Outcome switch
    {
        CreateEmailOutcome.Created => new SendResult(result.Id, Replayed: false),
        CreateEmailOutcome.Replayed => new SendResult(result.Id, Replayed: true),
        _ => throw new IdempotencyConflictException(),
    };
}
