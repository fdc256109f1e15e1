using Mailstrom.Delivery;
using Mailstrom.Retry;
using Mailstrom.Composition;
using Mailstrom.Durable.Content;
using Mailstrom.Durable.Orchestrations;
using Mailstrom.Durable.Webhooks;
using Mailstrom.Model;
using Mailstrom.Submission;
using Mailstrom.Suppression;
using Microsoft.DurableTask;
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
    /// <summary>How long <see cref="TerminateAsync"/> waits for the instance to report itself terminated.</summary>
    public static readonly TimeSpan TerminateWait = TimeSpan.FromSeconds(10);

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
        return TaskHubFaults.GuardAsync(() => StopEmailAsync(id, reason, cancellationToken));
    }

    /// <inheritdoc />
    public Task<bool> PurgeAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        return TaskHubFaults.GuardAsync(() => PurgeEmailAsync(id, cancellationToken));
    }

    /// <inheritdoc />
    public Task<EmailPage> ListAsync(EmailQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        return TaskHubFaults.GuardAsync(() => ListEmailsAsync(query, cancellationToken));
    }

    private async Task<EmailStatus?> ReadStatusAsync(string id, CancellationToken cancellationToken)
    {
        if (!EmailIds.IsWellFormed(id) || await _client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken) is not { } root)
        {
            return null;
        }

        return await _reader.ReadAsync(root, cancellationToken);
    }

    private async Task<TerminateResult> StopEmailAsync(string id, string? reason, CancellationToken cancellationToken)
    {
        if (!EmailIds.IsWellFormed(id) || await _client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken) is not { } root)
        {
            return TerminateResult.NotFound;
        }

        if (root.IsCompleted)
        {
            if (root.RuntimeStatus == OrchestrationRuntimeStatus.Terminated)
            {
                await PublishTerminationAsync(id, cancellationToken);
            }

            return TerminateResult.AlreadyTerminal;
        }

        await StopAsync(root, reason, cancellationToken);
        await PublishTerminationAsync(id, cancellationToken);
        return TerminateResult.Terminated;
    }

    /// <summary>
    /// Hands a terminated email's events to webhook instances (no orchestration of the email lives on to tell them), timed
    /// when the root recorded its termination: a repeated terminate call hands over the same events, under the same ids.
    /// </summary>
    private async Task PublishTerminationAsync(string id, CancellationToken cancellationToken)
    {
        if (_webhooks?.SubscribedTypes is not null
            && await _client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken) is { } root
            && await _reader.ReadAsync(root, cancellationToken) is { } status)
        {
            await _webhooks.PublishTerminationAsync(_client, status, root.LastUpdatedAt, cancellationToken);
        }
    }

    private async Task<bool> PurgeEmailAsync(string id, CancellationToken cancellationToken)
    {
        if (!EmailIds.IsWellFormed(id) || await _client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken) is not { } root)
        {
            return false;
        }

        if (!root.IsCompleted)
        {
            // Durable Task purges only finished instances: an email still being delivered is stopped first.
            await StopAsync(root, "purged", cancellationToken);
        }

        var purged = await _client.PurgeInstanceAsync(id, cancellation: cancellationToken);
        foreach (var page in PageIds(root))
        {
            await _client.PurgeInstanceAsync(page, cancellation: cancellationToken);
        }

        await WebhookNotifier.PurgeFinishedRetriesAsync(_client, id, cancellationToken);

        // An email sent with an idempotency key leaves a tombstone for the rest of the key's window.
        var keyed = root.ReadInputAs<SendEmailInput>()?.RequestFingerprint is not null;
        await _content.DeleteAsync(id, keyed ? root.CreatedAt + IdempotencyRequest.Window : null, cancellationToken);
        return purged.PurgedInstanceCount > 0;
    }

    /// <summary>
    /// Terminates the email's root instance and, once it can start no more of them, each of its pages: a task hub
    /// may not terminate children with their parent, so they are terminated by id.
    /// </summary>
    private async Task StopAsync(OrchestrationMetadata root, string? reason, CancellationToken cancellationToken)
    {
        await _client.TerminateInstanceAsync(root.InstanceId, new TerminateInstanceOptions { Output = reason, Recursive = true }, cancellationToken);
        await WaitUntilFinalAsync(root.InstanceId, cancellationToken);
        foreach (var page in PageIds(root))
        {
            if (await _client.GetInstanceAsync(page, getInputsAndOutputs: false, cancellationToken) is { IsCompleted: false })
            {
                await _client.TerminateInstanceAsync(page, new TerminateInstanceOptions { Output = reason }, cancellationToken);
            }
        }
    }

    private static IEnumerable<string> PageIds(OrchestrationMetadata root)
    {
        var pages = root.ReadInputAs<SendEmailInput>() is { } input ? RecipientPages.Count(input.Recipients.Count) : 0;
        return Enumerable.Range(0, pages).Select(page => RecipientPages.InstanceId(root.InstanceId, page));
    }

    private async Task<EmailPage> ListEmailsAsync(EmailQuery query, CancellationToken cancellationToken)
    {
        var filter = new OrchestrationQuery
        {
            Statuses = query.RuntimeStatuses is { Count: > 0 } statuses ? RuntimeStatuses.To(statuses) : null,
            CreatedFrom = query.CreatedTimeFrom,
            CreatedTo = query.CreatedTimeTo,
            PageSize = Math.Clamp(query.Top, 1, EmailQuery.MaxTop),
            FetchInputsAndOutputs = true,
        };
        var token = DurableContinuationToken.Decode(query.ContinuationToken);
        Page<OrchestrationMetadata>? page = null;
        try
        {
            await foreach (var first in _client.GetAllInstancesAsync(filter).AsPages(token, filter.PageSize).WithCancellation(cancellationToken))
            {
                page = first;
                break;
            }
        }
        catch (Exception ex) when (token is not null && ex is not OperationCanceledException && !TaskHubFaults.IsUnavailable(ex))
        {
            throw new InvalidContinuationTokenException("The continuation token was not accepted by the task hub; start again without it.", ex);
        }

        var items = new List<EmailStatus>();
        foreach (var instance in page?.Values ?? [])
        {
            if (!RecipientPages.IsPage(instance.InstanceId) && await _reader.ReadAsync(instance, cancellationToken) is { } status)
            {
                items.Add(status);
            }
        }

        return new EmailPage(items, DurableContinuationToken.Encode(page?.ContinuationToken));
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

    private async Task WaitUntilFinalAsync(string id, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(TerminateWait);
        try
        {
            await _client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: false, wait.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The terminate request is committed; the instance reports it when its worker next runs.
        }
    }

    /// <inheritdoc />
    public Task<SuppressionPage> ListSuppressionsAsync(SuppressionQuery query, CancellationToken cancellationToken = default) =>
        SuppressionCommands.ListAsync(_suppressions, query, cancellationToken);

    /// <inheritdoc />
    public Task<bool> RemoveSuppressionAsync(string address, CancellationToken cancellationToken = default) =>
        SuppressionCommands.RemoveAsync(_suppressions, address, cancellationToken);
}
