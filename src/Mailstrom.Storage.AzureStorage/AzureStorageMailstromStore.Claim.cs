using System.Globalization;
using Azure;
using Azure.Storage.Queues.Models;
using Mailstrom.Storage.AzureStorage.Diagnostics;
using Mailstrom.Storage.AzureStorage.Entities;
using Mailstrom.Storage.AzureStorage.Internal;
using Mailstrom.Storage.AzureStorage.Queueing;

namespace Mailstrom.Storage.AzureStorage;

public sealed partial class AzureStorageMailstromStore
{
    /// <summary>Messages per receive (Azure's limit).</summary>
    private const int ReceiveBatch = 32;

    /// <summary>How long received messages stay hidden while one claim decides about them.</summary>
    private static readonly TimeSpan ProcessingTimeout = TimeSpan.FromMinutes(1);

    /// <inheritdoc />
    /// <remarks>
    /// Receives work messages (32 per receive, as many receives as <see cref="ClaimRequest.MaxItems"/> needs, bounded),
    /// judges each against its recipient's entity with the claim's logical time, and leases the due ones, oldest due
    /// first among the messages received, with a transaction conditioned on the email's ETag (so two instances never
    /// hold one recipient). A leased recipient's message is hidden until the lease lapses; the rest are hidden until
    /// due, deleted when their work is done, or made visible again (excluded domains, over the limit).
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">MaxItems is less than 1, or LeaseDuration is not positive.</exception>
    /// <exception cref="RequestFailedException">The account refused a request; messages received so far reappear shortly.</exception>
    public async Task<IReadOnlyList<DeliveryWorkItem>> ClaimDueAsync(ClaimRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.MaxItems, 1, nameof(request));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(request.LeaseDuration, TimeSpan.Zero, nameof(request));
        await EnsureCreatedAsync(cancellationToken);
        await SweepIfDueAsync(cancellationToken);

        var received = await ReceiveAsync(request.MaxItems, cancellationToken);
        if (received.Count == 0)
        {
            return [];
        }

        var excluded = new HashSet<string>(request.ExcludedDomains, StringComparer.OrdinalIgnoreCase);
        var partitions = new Dictionary<string, EmailPartition?>(StringComparer.Ordinal);
        foreach (var item in received)
        {
            await DecideAsync(item, partitions, request.Now, excluded, cancellationToken);
        }

        var chosen = received.Where(r => r.Decision.Action == MessageAction.Take)
            .OrderBy(r => r.Recipient!.NextAttemptTicks).ThenBy(r => r.Work!.EmailId, StringComparer.Ordinal).ThenBy(r => r.Work!.Ordinal)
            .ToList();
        foreach (var over in chosen.Skip(request.MaxItems))
        {
            over.Decision = new MessageDecision(MessageAction.Release);
        }

        var claimed = new List<DeliveryWorkItem>();
        foreach (var group in chosen.Take(request.MaxItems).GroupBy(r => r.Work!.EmailId, StringComparer.Ordinal))
        {
            claimed.AddRange(await LeaseAsync(group.Key, group.ToList(), request, excluded, partitions, cancellationToken));
        }

        await SettleAsync(received.Where(r => r.Decision.Action != MessageAction.Take).ToList(), request.Now, cancellationToken);
        var rank = chosen.Select((r, i) => (r.Work!.EmailId, r.Work.Ordinal, i)).ToDictionary(x => (x.EmailId, x.Ordinal), x => x.i);
        return claimed.OrderBy(i => rank[(i.EmailId, i.Ordinal)]).ToList();
    }

    private async Task<List<ReceivedWork>> ReceiveAsync(int maxItems, CancellationToken cancellationToken)
    {
        var received = new List<ReceivedWork>();
        var receives = Math.Clamp((maxItems / ReceiveBatch) + 2, 1, 16);
        for (var i = 0; i < receives; i++)
        {
            QueueMessage[] batch = await WorkQueue.ReceiveMessagesAsync(ReceiveBatch, ProcessingTimeout, cancellationToken);
            received.AddRange(batch.Select(m => new ReceivedWork(m)));
            if (batch.Length < ReceiveBatch || received.Count >= 2 * maxItems)
            {
                break;
            }
        }

        return received;
    }

    /// <summary>Decides about one message from the table state; a message that cannot be processed counts towards poison.</summary>
    private async Task DecideAsync(
        ReceivedWork item, Dictionary<string, EmailPartition?> partitions, DateTimeOffset now, HashSet<string> excluded, CancellationToken cancellationToken)
    {
        try
        {
            item.Work = WorkMessage.Decode(item.Message.MessageText);
            var emailId = item.Work.EmailId;
            if (!partitions.TryGetValue(emailId, out var partition))
            {
                partition = IsUsableKey(emailId) ? await LoadAsync(emailId, cancellationToken) : null;
                partitions[emailId] = partition;
            }

            item.Recipient = partition?.Recipient(item.Work.Ordinal);
            var clockNow = _timeProvider.GetUtcNow();
            item.Decision = MessageDecision.Decide(
                partition?.Email, item.Recipient, item.MessageId, clockNow - (item.Message.InsertedOn ?? clockNow), now, clockNow,
                excluded.Contains, _options.MaxDequeueCount, _options.OrphanMessageMaxAge);
        }
        catch (Exception ex) when (ex is not RequestFailedException and not OperationCanceledException)
        {
            item.Decision = FailedProcessing(item, ex);
        }
    }

    private MessageDecision FailedProcessing(ReceivedWork item, Exception exception)
    {
        Log.MessageFailed(_logger, item.MessageId, item.Message.DequeueCount, exception);
        return item.Message.DequeueCount >= _options.MaxDequeueCount
            ? new MessageDecision(MessageAction.Poison, Reason: string.Create(CultureInfo.InvariantCulture,
                $"Mailstrom internal error: processing the work item failed {item.Message.DequeueCount} times ({exception.GetType().Name}); it was moved to the poison queue."))
            : new MessageDecision(MessageAction.Hide, _options.FailedMessageRetryDelay);
    }

    /// <summary>Leases the chosen recipients of one email in one transaction; on an ETag conflict, reloads and decides again.</summary>
    private async Task<List<DeliveryWorkItem>> LeaseAsync(
        string emailId,
        List<ReceivedWork> items,
        ClaimRequest request,
        HashSet<string> excluded,
        Dictionary<string, EmailPartition?> partitions,
        CancellationToken cancellationToken)
    {
        var leaseExpiresAt = request.Now.ToUniversalTime() + request.LeaseDuration;
        for (var attempt = 0; attempt < MaxConflictRetries; attempt++)
        {
            if (attempt > 0)
            {
                partitions.Remove(emailId);
                foreach (var item in items)
                {
                    await DecideAsync(item, partitions, request.Now, excluded, cancellationToken);
                }
            }

            var taking = items.Where(i => i.Decision.Action == MessageAction.Take).ToList();
            if (!partitions.TryGetValue(emailId, out var partition) || partition is null || taking.Count == 0)
            {
                return [];
            }

            var leased = new List<(RecipientEntity Recipient, string Token)>();
            foreach (var item in taking)
            {
                var popReceipt = await WorkQueue.TrySetVisibilityAsync(
                    item.MessageId, item.PopReceipt, VisibilityDelay.Until(leaseExpiresAt, _timeProvider.GetUtcNow()), cancellationToken);
                if (popReceipt is null)
                {
                    // Another claim received the message meanwhile (this one took too long): it decides.
                    item.Decision = new MessageDecision(MessageAction.Release);
                    continue;
                }

                item.PopReceipt = popReceipt;
                var recipient = item.Recipient!;
                var token = Guid.NewGuid().ToString("N");
                recipient.LeaseToken = token;
                recipient.LeaseExpiresTicks = leaseExpiresAt.UtcTicks;
                recipient.UnrecordedClaims++;
                recipient.QueueMessageId = item.MessageId;
                recipient.PopReceipt = popReceipt;
                leased.Add((recipient, token));
            }

            if (leased.Count == 0)
            {
                return [];
            }

            var email = partition.Email;
            if (!email.Started)
            {
                email.Started = true;
                email.LastUpdatedTicks = Math.Max(email.LastUpdatedTicks, request.Now.UtcTicks);
            }

            var previousDue = email.NextDueTicks;
            EmailState.Recompute(email, partition.Recipients);
            if (await CommitAsync(email, leased.Select(w => w.Recipient).ToList(), cancellationToken))
            {
                await AfterCommitAsync(email, previousDue);
                return leased.Select(w => new DeliveryWorkItem(
                    emailId, w.Recipient.Ordinal, w.Recipient.Address, w.Recipient.Domain, w.Recipient.RequiresSmtpUtf8, email.EnvelopeFrom,
                    w.Recipient.Attempts, EmailState.FromTicks(email.CreatedTicks), w.Token, leaseExpiresAt)).ToList();
            }
        }

        throw Contended(emailId);
    }
}
