using System.Collections.Concurrent;
using System.Globalization;
using Azure;
using Azure.Data.Tables;
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

    /// <summary>How long received messages stay hidden while one claim decides about them, when the lease itself is
    /// too short to hide them (then each leased message is hidden again until its lease lapses).</summary>
    private static readonly TimeSpan ProcessingTimeout = TimeSpan.FromMinutes(1);

    /// <summary>Claims of at most this many recipients receive one spare message.</summary>
    private const int SmallClaim = 4;

    /// <summary>The shortest lease a claim receives its messages with directly (a receive hides for at least 1 s).</summary>
    private static readonly TimeSpan MinReceiveVisibility = TimeSpan.FromSeconds(1);

    /// <inheritdoc />
    /// <remarks>
    /// Receives <see cref="ClaimRequest.MaxItems"/> work messages (one more for a small claim; 32 per receive, bounded), hidden for the
    /// lease's duration, judges each against its recipient's entity with the claim's logical time, and leases the due
    /// ones, oldest due first among the messages received, with a transaction per email conditioned on the email's
    /// ETag (so two instances never hold one recipient). The emails are loaded and leased concurrently (at most
    /// 16 at a time). A leased recipient's message stays hidden until the lease lapses; the rest are hidden until
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

        // Receiving with the lease's visibility saves a visibility update per leased message; a message that is not
        // leased is settled explicitly below, and one whose claim dies reappears when a lease would have lapsed.
        var leaseVisibility = VisibilityDelay.Until(request.Now + request.LeaseDuration, _timeProvider.GetUtcNow());
        var hiddenForLease = leaseVisibility >= MinReceiveVisibility;
        var received = await ReceiveAsync(request.MaxItems, hiddenForLease ? leaseVisibility : ProcessingTimeout, cancellationToken);
        if (received.Count == 0)
        {
            return [];
        }

        var excluded = new HashSet<string>(request.ExcludedDomains, StringComparer.OrdinalIgnoreCase);
        var (partitions, failed) = await LoadPartitionsAsync(received, cancellationToken);
        foreach (var item in received.Where(r => r.Work is not null && !failed.Contains(r.Work.EmailId)))
        {
            Decide(item, partitions[item.Work!.EmailId], request.Now, excluded);
        }

        var chosen = received.Where(r => r.Decision.Action == MessageAction.Take)
            .OrderBy(r => r.Recipient!.NextAttemptTicks).ThenBy(r => r.Work!.EmailId, StringComparer.Ordinal).ThenBy(r => r.Work!.Ordinal)
            .ToList();
        foreach (var over in chosen.Skip(request.MaxItems))
        {
            over.Decision = new MessageDecision(MessageAction.Release);
        }

        var groups = chosen.Take(request.MaxItems).GroupBy(r => r.Work!.EmailId, StringComparer.Ordinal).ToList();
        var leases = new LeaseResult[groups.Count];
        await Concurrently.ForEachAsync(Enumerable.Range(0, groups.Count), StoreConcurrency, async i =>
            leases[i] = await LeaseAsync(groups[i].Key, groups[i].ToList(), partitions[groups[i].Key]!, request, excluded, hiddenForLease, cancellationToken));

        await UpdateActiveIndexAsync(leases.Where(l => l.Items.Count > 0 && l.Email!.NextDueTicks != l.PreviousDue).Select(l => l.Email!).ToList());
        await SettleAsync(received.Where(r => r.Decision.Action != MessageAction.Take).ToList(), request.Now, cancellationToken);
        var claimed = leases.SelectMany(l => l.Items).ToList();
        if (claimed.Count == 0 && leases.FirstOrDefault(l => l.Failure is not null).Failure is { } failure)
        {
            throw failure;
        }

        var rank = chosen.Select((r, i) => (r.Work!.EmailId, r.Work.Ordinal, i)).ToDictionary(x => (x.EmailId, x.Ordinal), x => x.i);
        return claimed.OrderBy(i => rank[(i.EmailId, i.Ordinal)]).ToList();
    }

    /// <summary>
    /// Receives as many messages as the claim may take; a small claim (up to <see cref="SmallClaim"/>) one more, so it
    /// prefers a lone older message. No more: every spare message costs a visibility update to give it back, and on
    /// Azurite each such update scans every message the emulator holds.
    /// </summary>
    private async Task<List<ReceivedWork>> ReceiveAsync(int maxItems, TimeSpan visibility, CancellationToken cancellationToken)
    {
        var target = maxItems <= SmallClaim ? maxItems + 1 : maxItems;
        var received = new List<ReceivedWork>();
        for (var i = 0; i < MaxReceives && received.Count < target; i++)
        {
            var wanted = Math.Min(ReceiveBatch, target - received.Count);
            QueueMessage[] batch = await WorkQueue.ReceiveMessagesAsync(wanted, visibility, cancellationToken);
            received.AddRange(batch.Select(m => new ReceivedWork(m)));
            if (batch.Length < wanted)
            {
                break;
            }
        }

        return received;
    }

    /// <summary>Decodes every message and loads each email they refer to once, concurrently. A message that cannot be
    /// decoded, or whose email cannot be read (other than the account refusing), is decided a failed processing.</summary>
    private async Task<(ConcurrentDictionary<string, EmailPartition?> Partitions, HashSet<string> Failed)> LoadPartitionsAsync(List<ReceivedWork> received, CancellationToken cancellationToken)
    {
        var failures = new ConcurrentDictionary<string, Exception>(StringComparer.Ordinal);
        var partitions = new ConcurrentDictionary<string, EmailPartition?>(StringComparer.Ordinal);
        foreach (var item in received)
        {
            try
            {
                item.Work = WorkMessage.Decode(item.Message.MessageText);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                item.Decision = FailedProcessing(item, ex);
            }
        }

        var ids = received.Where(r => r.Work is not null).Select(r => r.Work!.EmailId).Distinct(StringComparer.Ordinal).ToList();
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = StoreConcurrency, CancellationToken = cancellationToken }, async (emailId, ct) =>
        {
            try
            {
                partitions[emailId] = IsUsableKey(emailId) ? await LoadAsync(emailId, ct) : null;
            }
            catch (Exception ex) when (ex is not RequestFailedException and not OperationCanceledException)
            {
                failures[emailId] = ex;
                partitions[emailId] = null;
            }
        });

        foreach (var item in received.Where(r => r.Work is not null && failures.ContainsKey(r.Work.EmailId)))
        {
            item.Decision = FailedProcessing(item, failures[item.Work!.EmailId]);
        }

        return (partitions, failures.Keys.ToHashSet(StringComparer.Ordinal));
    }

    /// <summary>Decides about one message from its email's table state.</summary>
    private void Decide(ReceivedWork item, EmailPartition? partition, DateTimeOffset now, HashSet<string> excluded)
    {
        item.Recipient = partition?.Recipient(item.Work!.Ordinal);
        var clockNow = _timeProvider.GetUtcNow();
        item.Decision = MessageDecision.Decide(
            partition?.Email, item.Recipient, item.MessageId, clockNow - (item.Message.InsertedOn ?? clockNow), now, clockNow,
            excluded.Contains, _options.MaxDequeueCount, _options.OrphanMessageMaxAge);
    }

    private MessageDecision FailedProcessing(ReceivedWork item, Exception exception)
    {
        Log.MessageFailed(_logger, item.MessageId, item.Message.DequeueCount, exception);
        return item.Message.DequeueCount >= _options.MaxDequeueCount
            ? new MessageDecision(MessageAction.Poison, Reason: string.Create(CultureInfo.InvariantCulture,
                $"Mailstrom internal error: processing the work item failed {item.Message.DequeueCount} times ({exception.GetType().Name}); it was moved to the poison queue."))
            : new MessageDecision(MessageAction.Hide, _options.FailedMessageRetryDelay);
    }

    /// <summary>
    /// Leases the chosen recipients of one email in one transaction; on an ETag conflict, reloads and decides again.
    /// When the account refuses, the email's messages are released and the failure returned (the claim reports it
    /// only when it leased nothing at all).
    /// </summary>
    private async Task<LeaseResult> LeaseAsync(
        string emailId,
        List<ReceivedWork> items,
        EmailPartition partition,
        ClaimRequest request,
        HashSet<string> excluded,
        bool hiddenForLease,
        CancellationToken cancellationToken)
    {
        try
        {
            return await TryLeaseAsync(emailId, items, partition, request, excluded, hiddenForLease, cancellationToken);
        }
        catch (RequestFailedException ex)
        {
            foreach (var item in items.Where(i => i.Decision.Action == MessageAction.Take))
            {
                item.Decision = new MessageDecision(MessageAction.Release);
            }

            Log.LeaseFailed(_logger, emailId, ex);
            return new LeaseResult([], null, null, ex);
        }
    }

    private async Task<LeaseResult> TryLeaseAsync(
        string emailId,
        List<ReceivedWork> items,
        EmailPartition? partition,
        ClaimRequest request,
        HashSet<string> excluded,
        bool hiddenForLease,
        CancellationToken cancellationToken)
    {
        var leaseExpiresAt = request.Now.ToUniversalTime() + request.LeaseDuration;
        for (var attempt = 0; attempt < MaxConflictRetries; attempt++)
        {
            if (attempt > 0)
            {
                partition = await LoadAsync(emailId, cancellationToken);
                foreach (var item in items)
                {
                    Decide(item, partition, request.Now, excluded);
                }
            }

            var taking = items.Where(i => i.Decision.Action == MessageAction.Take).ToList();
            if (partition is null || taking.Count == 0)
            {
                return LeaseResult.None;
            }

            var leased = new List<(RecipientEntity Recipient, string Token)>();
            foreach (var item in taking)
            {
                if (!hiddenForLease)
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
                }

                var recipient = item.Recipient!;
                var token = Guid.NewGuid().ToString("N");
                recipient.LeaseToken = token;
                recipient.LeaseExpiresTicks = leaseExpiresAt.UtcTicks;
                recipient.UnrecordedClaims++;
                recipient.QueueMessageId = item.MessageId;
                recipient.PopReceipt = item.PopReceipt;
                leased.Add((recipient, token));
            }

            if (leased.Count == 0)
            {
                return LeaseResult.None;
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
                var claimed = leased.Select(w => new DeliveryWorkItem(
                    emailId, w.Recipient.Ordinal, w.Recipient.Address, w.Recipient.Domain, w.Recipient.RequiresSmtpUtf8, email.EnvelopeFrom,
                    w.Recipient.Attempts, EmailState.FromTicks(email.CreatedTicks), w.Token, leaseExpiresAt)).ToList();
                return new LeaseResult(claimed, email, previousDue, null);
            }
        }

        throw Contended(emailId);
    }

    /// <summary>Copies the new next due times of the emails a claim leased into the active index, in transactions of
    /// up to 100 rows (the index is one partition). Failures are logged; readers repair stale rows.</summary>
    private async Task UpdateActiveIndexAsync(List<EmailEntity> emails)
    {
        try
        {
            foreach (var chunk in emails.Chunk(BatchSize))
            {
                await Active.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(
                    TableTransactionActionType.UpsertReplace, new ActiveEntity { RowKey = e.PartitionKey, NextDueTicks = e.NextDueTicks })));
            }
        }
        catch (Exception ex)
        {
            Log.HousekeepingFailed(_logger, "active index", ex);
        }
    }

    /// <summary>What leasing one email's recipients gave: the work items, the email as committed and its next due time
    /// before, or the account's refusal.</summary>
    private readonly record struct LeaseResult(List<DeliveryWorkItem> Items, EmailEntity? Email, long? PreviousDue, RequestFailedException? Failure)
    {
        public static LeaseResult None => new([], null, null, null);
    }
}
