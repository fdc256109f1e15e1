using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues.Models;
using Mailstrom.Storage.AzureStorage.Entities;
using Mailstrom.Storage.AzureStorage.Internal;
using Mailstrom.Storage.AzureStorage.Queueing;

namespace Mailstrom.Storage.AzureStorage;

public sealed partial class AzureStorageMailstromStore
{
    /// <summary>Active-index rows checked against their emails per <see cref="GetNextDueTimeAsync"/> call at most.</summary>
    private const int MaxNextDueChecks = 8;

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="emailId"/> is <see langword="null"/>.</exception>
    /// <exception cref="RequestFailedException">The account refused a request.</exception>
    public async Task<ReadOnlyMemory<byte>?> GetContentAsync(string emailId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(emailId);
        if (!IsUsableKey(emailId))
        {
            return null;
        }

        await EnsureCreatedAsync(cancellationToken);

        // Both at once: the email entity says whether the email exists (committed, not purged); the blob is the content.
        var email = Emails.GetEntityIfExistsAsync<EmailEntity>(emailId, EmailEntity.Key, select: ["PartitionKey"], cancellationToken);
        var content = DownloadContentAsync(emailId, cancellationToken);
        await Task.WhenAll(email, content);
        return (await email).HasValue ? await content : null; // without the email: not committed yet, or purged
    }

    private async Task<ReadOnlyMemory<byte>?> DownloadContentAsync(string emailId, CancellationToken cancellationToken)
    {
        try
        {
            var content = await Content.GetBlobClient(emailId).DownloadContentAsync(cancellationToken);
            return content.Value.Content.ToMemory();
        }
        catch (RequestFailedException ex) when (IsNotFound(ex))
        {
            return null;
        }
    }

    /// <inheritdoc />
    /// <remarks>
    /// Emails are recorded concurrently (at most 16 at a time); a failure is thrown once every email's write has
    /// finished. Per email: for each deferred result a new work message (hidden until the next attempt, at most 7 days) is sent
    /// first, then the recipients and the email are written in one transaction conditioned on the email's ETag, and
    /// last the claimed message is deleted. A crash in between leaves an extra wake-up, never a missing one.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="results"/> is or contains <see langword="null"/>.</exception>
    /// <exception cref="RequestFailedException">The account refused a request.</exception>
    public async Task<int> RecordAsync(IReadOnlyList<RecipientResult> results, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(results);
        if (results.Count == 0)
        {
            return 0;
        }

        foreach (var result in results)
        {
            ArgumentNullException.ThrowIfNull(result, nameof(results));
        }

        await EnsureCreatedAsync(cancellationToken);
        var applied = 0;
        await Concurrently.ForEachAsync(
            results.GroupBy(r => r.EmailId, StringComparer.Ordinal).Where(g => IsUsableKey(g.Key)).ToList(),
            StoreConcurrency,
            async group =>
            {
                foreach (var chunk in group.Chunk(BatchSize - 1))
                {
                    Interlocked.Add(ref applied, await RecordEmailAsync(group.Key, chunk, cancellationToken));
                }
            });

        return applied;
    }

    private async Task<int> RecordEmailAsync(string emailId, RecipientResult[] results, CancellationToken cancellationToken)
    {
        var sent = new Dictionary<int, SendReceipt>();
        for (var attempt = 0; attempt < MaxConflictRetries; attempt++)
        {
            var partition = await LoadAsync(emailId, cancellationToken);
            if (partition is null || partition.Email.Terminated)
            {
                await DeleteUnusedAsync(sent);
                return 0;
            }

            var changed = new List<(RecipientEntity Recipient, string? OldMessageId, string? OldPopReceipt)>();
            var latest = long.MinValue;
            foreach (var result in results)
            {
                var recipient = partition.Recipient(result.Ordinal);
                if (recipient is null || EmailState.IsFinal(recipient.Status) || recipient.LeaseToken is null
                    || !string.Equals(recipient.LeaseToken, result.LeaseToken, StringComparison.Ordinal))
                {
                    continue; // stale, duplicate or foreign result: a final state is never overwritten
                }

                var state = result.State;
                SendReceipt? next = null;
                if (!state.IsFinal && !sent.TryGetValue(result.Ordinal, out var receipt))
                {
                    var due = state.NextAttemptTime ?? result.Now;
                    receipt = await WorkQueue.SendWorkAsync(
                        new WorkMessage(emailId, result.Ordinal), VisibilityDelay.Until(due, _timeProvider.GetUtcNow()), cancellationToken);
                    sent[result.Ordinal] = receipt;
                    next = receipt;
                }
                else if (!state.IsFinal)
                {
                    next = sent[result.Ordinal];
                }

                changed.Add((recipient, recipient.QueueMessageId, recipient.PopReceipt));
                recipient.Status = state.Status.ToString();
                recipient.Attempts = state.Attempts;
                recipient.LastAttemptTicks = state.LastAttemptTime?.UtcTicks;
                recipient.NextAttemptTicks = state.IsFinal ? null : (state.NextAttemptTime ?? result.Now).UtcTicks;
                recipient.MxHost = state.MxHost;
                recipient.SmtpCode = state.SmtpCode;
                recipient.EnhancedStatusCode = state.EnhancedStatusCode;
                recipient.Response = state.Response;
                recipient.Tls = state.Tls;
                recipient.LeaseToken = null;
                recipient.LeaseExpiresTicks = null;
                recipient.UnrecordedClaims = 0;
                recipient.QueueMessageId = next?.MessageId;
                recipient.PopReceipt = next?.PopReceipt;
                latest = Math.Max(latest, result.Now.UtcTicks);
            }

            if (changed.Count == 0)
            {
                await DeleteUnusedAsync(sent);
                return 0;
            }

            var email = partition.Email;
            var previousDue = email.NextDueTicks;
            email.Started = true;
            email.LastUpdatedTicks = Math.Max(email.LastUpdatedTicks, latest);
            EmailState.Recompute(email, partition.Recipients);
            if (!await CommitAsync(email, changed.Select(c => c.Recipient).ToList(), cancellationToken))
            {
                continue;
            }

            foreach (var used in changed.Where(c => c.Recipient.QueueMessageId is not null))
            {
                sent.Remove(used.Recipient.Ordinal);
            }

            await Task.WhenAll(changed
                .Where(c => c.OldMessageId is not null && c.OldPopReceipt is not null)
                .Select(c => WorkQueue.TryDeleteAsync(c.OldMessageId!, c.OldPopReceipt!, CancellationToken.None))
                .Append(DeleteUnusedAsync(sent))
                .Append(AfterCommitAsync(email, previousDue)));
            return changed.Count;
        }

        throw Contended(emailId);
    }

    /// <summary>Deletes wake-ups sent for results that were not applied in the end (they would only be dropped later
    /// as duplicates). After an exception they are kept: the commit may have happened.</summary>
    private Task DeleteUnusedAsync(Dictionary<int, SendReceipt> sent) =>
        Task.WhenAll(sent.Values.Select(r => WorkQueue.TryDeleteAsync(r.MessageId, r.PopReceipt, CancellationToken.None)));

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="items"/> is or contains <see langword="null"/>.</exception>
    /// <exception cref="RequestFailedException">The account refused a request.</exception>
    public async Task ReleaseAsync(IReadOnlyList<DeliveryWorkItem> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0)
        {
            return;
        }

        await EnsureCreatedAsync(cancellationToken);
        await Concurrently.ForEachAsync(
            items.GroupBy(i => i.EmailId, StringComparer.Ordinal).Where(g => IsUsableKey(g.Key)).ToList(),
            StoreConcurrency,
            async group =>
            {
                foreach (var chunk in group.Chunk(BatchSize - 1))
                {
                    await ReleaseEmailAsync(group.Key, chunk, cancellationToken);
                }
            });
    }

    private async Task ReleaseEmailAsync(string emailId, DeliveryWorkItem[] items, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < MaxConflictRetries; attempt++)
        {
            var partition = await LoadAsync(emailId, cancellationToken);
            if (partition is null || partition.Email.Terminated)
            {
                return;
            }

            var changed = new List<RecipientEntity>();
            foreach (var item in items)
            {
                if (partition.Recipient(item.Ordinal) is { } recipient && !EmailState.IsFinal(recipient.Status)
                    && string.Equals(recipient.LeaseToken, item.LeaseToken, StringComparison.Ordinal) && !changed.Contains(recipient))
                {
                    recipient.LeaseToken = null;
                    recipient.LeaseExpiresTicks = null;
                    recipient.UnrecordedClaims = Math.Max(0, recipient.UnrecordedClaims - 1); // released unattempted
                    changed.Add(recipient);
                }
            }

            if (changed.Count == 0)
            {
                return;
            }

            var email = partition.Email;
            var previousDue = email.NextDueTicks;
            EmailState.Recompute(email, partition.Recipients);
            if (await CommitAsync(email, changed, cancellationToken))
            {
                await Task.WhenAll(changed
                    .Where(r => r.QueueMessageId is not null && r.PopReceipt is not null)
                    .Select(r => WorkQueue.TrySetVisibilityAsync(r.QueueMessageId!, r.PopReceipt!, TimeSpan.Zero, CancellationToken.None))
                    .Append(AfterCommitAsync(email, previousDue)));
                return;
            }
        }

        throw Contended(emailId);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Approximate by design: it reads the active-email index (one page of up to 1000 emails, each with a copy of its
    /// next due time) and checks the earliest copies against their emails (at most 8), repairing stale ones. It only
    /// bounds the worker's idle wait; the queue wakes due work on its own.
    /// </remarks>
    /// <exception cref="RequestFailedException">The account refused a request.</exception>
    public async Task<DateTimeOffset?> GetNextDueTimeAsync(CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        var rows = new List<ActiveEntity>();
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {ActiveEntity.Partition}");
        await foreach (var page in Active.QueryAsync<ActiveEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken).AsPages())
        {
            rows.AddRange(page.Values);
            break;
        }

        for (var check = 0; check < MaxNextDueChecks; check++)
        {
            var earliest = rows.Where(r => r.NextDueTicks is not null).MinBy(r => r.NextDueTicks);
            if (earliest is null)
            {
                return null;
            }

            var email = await Emails.GetEntityIfExistsAsync<EmailEntity>(earliest.RowKey, EmailEntity.Key, cancellationToken: cancellationToken);
            if (email is { HasValue: true, Value: { } found } && !EmailState.IsTerminal(found))
            {
                if (found.NextDueTicks == earliest.NextDueTicks)
                {
                    return EmailState.FromTicks(found.NextDueTicks!.Value);
                }

                earliest.NextDueTicks = found.NextDueTicks;
                await Active.UpsertEntityAsync(earliest, TableUpdateMode.Replace, cancellationToken);
                continue;
            }

            rows.Remove(earliest);
            if (email.HasValue || IsOlderThan(earliest.Timestamp, _options.OrphanMessageMaxAge))
            {
                await DeleteIgnoringMissingAsync(() => Active.DeleteEntityAsync(ActiveEntity.Partition, earliest.RowKey, earliest.ETag, cancellationToken));
            }
        }

        return rows.Where(r => r.NextDueTicks is not null).Min(r => r.NextDueTicks) is { } ticks ? EmailState.FromTicks(ticks) : null;
    }

    private bool IsOlderThan(DateTimeOffset? timestamp, TimeSpan age) =>
        timestamp is { } t && _timeProvider.GetUtcNow() - t > age;
}
