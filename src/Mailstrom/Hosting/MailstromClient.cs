using Mailstrom.Model;
using Mailstrom.Storage;
using Mailstrom.Submission;
using MimeKit;

namespace Mailstrom.Hosting;

/// <summary>The library's <see cref="IMailstrom"/>: submissions go through <see cref="EmailSubmitter"/>, reads to the store.</summary>
internal sealed class MailstromClient(EmailSubmitter submitter, IEmailStore store, TimeProvider timeProvider) : IMailstrom
{
    public async Task<string> SendAsync(EmailRequest request, CancellationToken cancellationToken = default) =>
        (await submitter.SubmitAsync(request, null, cancellationToken)).Id;

    public async Task<string> SendAsync(MimeMessage message, CancellationToken cancellationToken = default) =>
        (await submitter.SubmitAsync(message, null, cancellationToken)).Id;

    public Task<EmailStatus?> GetStatusAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        return EmailIds.IsWellFormed(id) ? store.GetStatusAsync(id, cancellationToken) : Task.FromResult<EmailStatus?>(null);
    }

    public Task<TerminateResult> TerminateAsync(string id, string? reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        return EmailIds.IsWellFormed(id)
            ? store.TerminateAsync(id, reason, timeProvider.GetUtcNow(), cancellationToken)
            : Task.FromResult(TerminateResult.NotFound);
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
}
