using Mailstrom.Delivery;
using Mailstrom.Retry;
using Mailstrom.Composition;
using Mailstrom.Durable.Content;
using Mailstrom.Durable.Orchestrations;
using Mailstrom.Durable.Webhooks;
using Mailstrom.Model;
using Mailstrom.Submission;
using Mailstrom.Suppression;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Mailstrom.Durable.Client;

/// <summary>
/// The Durable engine's <see cref="IMailstrom"/>: an accepted email is composed and validated by the core, its bytes
/// are stored in the content store, and one <see cref="DurableTaskNames.SendEmail"/> instance is scheduled with the email
/// id as its instance id; the call returns once the task hub has committed that instance. Status, terminate, purge and
/// list are the task hub's instance operations; terminating an email hands its webhook events over from here.
/// </summary>
public sealed class DurableMailstrom : IMailstrom
{
    private readonly DurableTaskClient _client;
    private readonly EmailComposer _composer;
    private readonly IMessageContentStore _content;
    private readonly RetryOptions _retry;
    private readonly int _maxRecipientsPerTransaction;
    private readonly TimeProvider _timeProvider;
    private readonly EmailStatusReader _reader;
    private readonly EmailStart _start;
    private readonly IdempotentSubmission _idempotent;
    private readonly WebhookNotifier? _webhooks;
    private readonly ISuppressionList? _suppressions;
    private readonly EmailStopper _stopper;
    private readonly EmailListing _listing;

    /// <summary>Creates the engine's client over a Durable Task client.</summary>
    /// <param name="client">The task hub's client (from the worker's host, or the Functions host's binding).</param>
    /// <param name="composer">Validates and composes emails.</param>
    /// <param name="content">Where message bytes are stored.</param>
    /// <param name="retry">The retry policy, which each email takes with it.</param>
    /// <param name="delivery">The delivery settings (recipients per transaction).</param>
    /// <param name="timeProvider">The clock for acceptance times.</param>
    /// <param name="webhooks">The webhook work; <see langword="null"/> when webhooks are not registered.</param>
    /// <param name="suppressions">The suppression list; <see langword="null"/> shows an empty one.</param>
    public DurableMailstrom(
        DurableTaskClient client,
        EmailComposer composer,
        IMessageContentStore content,
        IOptions<RetryOptions> retry,
        IOptions<DeliveryOptions> delivery,
        TimeProvider timeProvider,
        WebhookNotifier? webhooks = null,
        ISuppressionList? suppressions = null)
    {
        ArgumentNullException.ThrowIfNull(retry);
        ArgumentNullException.ThrowIfNull(delivery);
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _composer = composer ?? throw new ArgumentNullException(nameof(composer));
        _content = content ?? throw new ArgumentNullException(nameof(content));
        _retry = retry.Value;
        _maxRecipientsPerTransaction = delivery.Value.MaxRecipientsPerTransaction;
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _reader = new EmailStatusReader(client);
        _start = new EmailStart(client, content);
        _idempotent = new IdempotentSubmission(client, content, _start, timeProvider);
        _webhooks = webhooks;
        _suppressions = suppressions;
        _stopper = new EmailStopper(client, content, _reader, webhooks);
        _listing = new EmailListing(client, _reader);
    }

    /// <inheritdoc />
    public async Task<string> SendAsync(EmailRequest request, CancellationToken cancellationToken = default) =>
        (await SendAsync(request, new SendOptions(), cancellationToken)).Id;

    /// <inheritdoc />
    public async Task<string> SendAsync(MimeMessage message, CancellationToken cancellationToken = default) =>
        (await SendAsync(message, new SendOptions(), cancellationToken)).Id;

    /// <inheritdoc />
    public Task<SendResult> SendAsync(EmailRequest request, SendOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(options);
        var idempotency = IdempotencyRequest.For(options, request);
        return TaskHubFaults.GuardAsync(() => AcceptAsync(idempotency, id => _composer.Compose(request, id), cancellationToken));
    }

    /// <inheritdoc />
    public Task<SendResult> SendAsync(MimeMessage message, SendOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(options);
        var idempotency = IdempotencyRequest.For(options, message);
        return TaskHubFaults.GuardAsync(() => AcceptAsync(idempotency, id => _composer.Compose(message, id), cancellationToken));
    }

    /// <inheritdoc />
    public Task<EmailStatus?> GetStatusAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        return TaskHubFaults.GuardAsync(() => ReadStatusAsync(id, cancellationToken));
    }

    /// <inheritdoc />
    public Task<TerminateResult> TerminateAsync(string id, string? reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        return TaskHubFaults.GuardAsync(() => _stopper.TerminateAsync(id, reason, cancellationToken));
    }

    /// <inheritdoc />
    public Task<bool> PurgeAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        return TaskHubFaults.GuardAsync(() => _stopper.PurgeAsync(id, cancellationToken));
    }

    /// <inheritdoc />
    public Task<EmailPage> ListAsync(EmailQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return TaskHubFaults.GuardAsync(() => _listing.ListAsync(query, cancellationToken));
    }

    private async Task<EmailStatus?> ReadStatusAsync(string id, CancellationToken cancellationToken)
    {
        if (!EmailIds.IsWellFormed(id) || await _client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken) is not { } root)
        {
            return null;
        }

        return await _reader.ReadAsync(root, cancellationToken);
    }

    private async Task<SendResult> AcceptAsync(
        IdempotencyRequest? idempotency, Func<string, ComposedEmail> compose, CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow();
        if (idempotency is not null)
        {
            var keyed = compose(IdempotentIds.For(idempotency.Key));
            if (await _idempotent.SubmitAsync(Input(keyed, IdempotentIds.For(idempotency.Key), now, idempotency.RequestHash), keyed.Content, now, cancellationToken) is { } result)
            {
                return result;
            }

            // The key's window has passed: this is a new email, with a new id.
        }

        var id = EmailIds.New();
        var email = compose(id);
        var input = Input(email, id, now, fingerprint: null);
        await _start.StoreAsync(input, email.Content, cancellationToken);
        await _start.ScheduleAsync(input, cancellationToken);
        return new SendResult(id, Replayed: false);
    }

    private SendEmailInput Input(ComposedEmail email, string id, DateTimeOffset now, string? fingerprint) => new(
        id,
        new EmailSummary(email.MessageId, email.From, email.Subject, email.Recipients.Count),
        email.EnvelopeFrom,
        now,
        email.Recipients,
        _retry,
        _maxRecipientsPerTransaction,
        fingerprint,
        WebhookEvents: _webhooks?.SubscribedTypes);

    /// <inheritdoc />
    public Task<SuppressionPage> ListSuppressionsAsync(SuppressionQuery query, CancellationToken cancellationToken = default) =>
        SuppressionCommands.ListAsync(_suppressions, query, cancellationToken);

    /// <inheritdoc />
    public Task<bool> RemoveSuppressionAsync(string address, CancellationToken cancellationToken = default) =>
        SuppressionCommands.RemoveAsync(_suppressions, address, cancellationToken);
}
