using Mailstrom.Composition;
using Mailstrom.DependencyInjection;
using Mailstrom.Durable.Content;
using Mailstrom.Durable.Orchestrations;
using Mailstrom.Model;
using Mailstrom.Submission;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Mailstrom.Durable.Client;

/// <summary>
/// The Durable engine's <see cref="IMailstrom"/>: an accepted email is composed and validated by the core, its bytes
/// are stored in the content store, and one <see cref="DurableTaskNames.SendEmail"/> instance is scheduled with the email
/// id as its instance id; the call returns once the task hub has committed that instance. Status, terminate, purge and
/// list are the task hub's instance operations.
/// </summary>
public sealed class DurableMailstrom : IMailstrom
{
    /// <summary>How long <see cref="TerminateAsync"/> waits for the instance to report itself terminated.</summary>
    public static readonly TimeSpan TerminateWait = TimeSpan.FromSeconds(10);

    /// <summary>How long a submission with an idempotency key waits for a concurrent one with the same key to start the email.</summary>
    public static readonly TimeSpan StartWait = TimeSpan.FromSeconds(60);

    private static readonly TimeSpan StartPoll = TimeSpan.FromMilliseconds(100);

    private readonly DurableTaskClient _client;
    private readonly EmailComposer _composer;
    private readonly IMessageContentStore _content;
    private readonly MailstromOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly EmailStatusReader _reader;

    /// <summary>Creates the engine's client over a Durable Task client.</summary>
    /// <param name="client">The task hub's client (from the worker's host, or the Functions host's binding).</param>
    /// <param name="composer">Validates and composes emails.</param>
    /// <param name="content">Where message bytes are stored.</param>
    /// <param name="options">The engine settings (retry policy, batch size).</param>
    /// <param name="timeProvider">The clock for acceptance times.</param>
    public DurableMailstrom(
        DurableTaskClient client,
        EmailComposer composer,
        IMessageContentStore content,
        IOptions<MailstromOptions> options,
        TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _composer = composer ?? throw new ArgumentNullException(nameof(composer));
        _content = content ?? throw new ArgumentNullException(nameof(content));
        _options = options.Value;
        _timeProvider = timeProvider ?? throw new ArgumentNullException(nameof(timeProvider));
        _reader = new EmailStatusReader(client);
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
        return AcceptAsync(idempotency, id => _composer.Compose(request, id), cancellationToken);
    }

    /// <inheritdoc />
    public Task<SendResult> SendAsync(MimeMessage message, SendOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(options);
        var idempotency = IdempotencyRequest.For(options, message);
        return AcceptAsync(idempotency, id => _composer.Compose(message, id), cancellationToken);
    }

    /// <inheritdoc />
    public async Task<EmailStatus?> GetStatusAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (!EmailIds.IsWellFormed(id) || await _client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken) is not { } root)
        {
            return null;
        }

        return await _reader.ReadAsync(root, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<TerminateResult> TerminateAsync(string id, string? reason, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (!EmailIds.IsWellFormed(id) || await _client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken) is not { } root)
        {
            return TerminateResult.NotFound;
        }

        if (root.IsCompleted)
        {
            return TerminateResult.AlreadyTerminal;
        }

        await StopAsync(root, reason, cancellationToken);
        return TerminateResult.Terminated;
    }

    /// <inheritdoc />
    public async Task<bool> PurgeAsync(string id, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(id);
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

        await _content.DeleteAsync(id, cancellationToken);
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

    /// <inheritdoc />
    public async Task<EmailPage> ListAsync(EmailQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
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
        catch (Exception ex) when (token is not null && ex is not OperationCanceledException)
        {
            throw new ArgumentException("The continuation token was not accepted by the task hub; start again without it.", nameof(query), ex);
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
        var id = idempotency is null ? EmailIds.New() : IdempotentIds.For(idempotency.Key);
        var email = compose(id);
        var now = _timeProvider.GetUtcNow();
        if (idempotency is not null)
        {
            var (replay, expired) = await FindEarlierAsync(id, idempotency, now, cancellationToken);
            if (replay is not null)
            {
                return replay;
            }

            if (expired)
            {
                // The key's window has passed and its email still exists: this is a new email, with a new id.
                id = EmailIds.New();
                email = compose(id);
                idempotency = null;
            }
        }

        var input = new SendEmailInput(
            id,
            new EmailSummary(email.MessageId, email.From, email.Subject, email.Recipients.Count),
            email.EnvelopeFrom,
            now,
            email.Recipients,
            _options.Retry,
            _options.Delivery.MaxRecipientsPerTransaction,
            idempotency?.RequestHash);
        await _content.PutAsync(id, email.Content, idempotency?.RequestHash, cancellationToken);
        if (idempotency is null)
        {
            await ScheduleAsync(input, cancellationToken);
            return new SendResult(id, Replayed: false);
        }

        // Of several submissions with one key, the one holding the content's start lock starts the email; the others
        // find it started. A holder that dies lets its lock lapse, and the next one starts the email instead.
        var deadline = _timeProvider.GetUtcNow() + StartWait;
        while (true)
        {
            await using (var startLock = await _content.TryLockAsync(id, cancellationToken))
            {
                if (startLock is not null)
                {
                    if ((await FindEarlierAsync(id, idempotency, now, cancellationToken)).Replay is { } started)
                    {
                        return started;
                    }

                    // The first submission's bytes were stored under this id: only that email may start with them.
                    if (!string.Equals(startLock.Fingerprint, idempotency.RequestHash, StringComparison.Ordinal))
                    {
                        throw new IdempotencyConflictException();
                    }

                    await ScheduleAsync(input, cancellationToken);
                    return new SendResult(id, Replayed: false);
                }
            }

            if ((await FindEarlierAsync(id, idempotency, now, cancellationToken)).Replay is { } replay)
            {
                return replay;
            }

            if (_timeProvider.GetUtcNow() > deadline)
            {
                throw new TimeoutException($"Another submission with this idempotency key held the start of email {id} for more than {StartWait}.");
            }

            await Task.Delay(StartPoll, _timeProvider, cancellationToken);
        }
    }

    private Task<string> ScheduleAsync(SendEmailInput input, CancellationToken cancellationToken) =>
        // An email's instance is never replaced, whatever its state: a second schedule of the same id fails.
        _client.ScheduleNewOrchestrationInstanceAsync(
            DurableTaskNames.SendEmail,
            input,
            new StartOrchestrationOptions(input.EmailId).WithDedupeStatuses([.. StartOrchestrationOptionsExtensions.ValidDedupeStatuses]),
            cancellationToken);

    /// <summary>
    /// The earlier email with this key: a replay when it exists within the key's window; expired when it exists but its
    /// window has passed; neither when there is none.
    /// </summary>
    /// <exception cref="IdempotencyConflictException">The earlier email is a different one.</exception>
    private async Task<(SendResult? Replay, bool Expired)> FindEarlierAsync(
        string id, IdempotencyRequest idempotency, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (await _client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken) is not { } earlier)
        {
            return (null, false);
        }

        if (earlier.CreatedAt + IdempotencyRequest.Window <= now)
        {
            return (null, true);
        }

        return string.Equals(earlier.ReadInputAs<SendEmailInput>()?.RequestFingerprint, idempotency.RequestHash, StringComparison.Ordinal)
            ? (new SendResult(id, Replayed: true), false)
            : throw new IdempotencyConflictException();
    }

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
}
