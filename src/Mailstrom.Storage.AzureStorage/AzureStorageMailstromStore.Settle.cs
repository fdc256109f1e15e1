using Azure;
using Mailstrom.Model;
using Mailstrom.Storage.AzureStorage.Diagnostics;
using Mailstrom.Storage.AzureStorage.Entities;
using Mailstrom.Storage.AzureStorage.Internal;
using Mailstrom.Storage.AzureStorage.Queueing;

namespace Mailstrom.Storage.AzureStorage;

public sealed partial class AzureStorageMailstromStore
{
    /// <summary>Applies the decisions about messages a claim did not lease: delete, hide, release or poison.</summary>
    private async Task SettleAsync(List<ReceivedWork> items, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var poisoned = items.Where(i => i.Decision.Action == MessageAction.Poison).ToList();
        await Concurrently.ForEachAsync(
            poisoned.Where(i => i.Work is not null).GroupBy(i => i.Work!.EmailId, StringComparer.Ordinal),
            StoreConcurrency,
            group => FailPoisonedAsync(group.Key, group.ToList(), now, cancellationToken));

        await Concurrently.ForEachAsync(items, StoreConcurrency,
            async item =>
            {
                switch (item.Decision.Action)
                {
                    case MessageAction.Delete:
                        await WorkQueue.TryDeleteAsync(item.MessageId, item.PopReceipt, cancellationToken);
                        break;
                    case MessageAction.Hide:
                        await WorkQueue.TrySetVisibilityAsync(item.MessageId, item.PopReceipt, item.Decision.Delay, cancellationToken);
                        break;
                    case MessageAction.Release:
                        await WorkQueue.TrySetVisibilityAsync(item.MessageId, item.PopReceipt, TimeSpan.Zero, cancellationToken);
                        break;
                    case MessageAction.Poison:
                        await PoisonQueue.SendMessageAsync(item.Message.MessageText, TimeSpan.Zero, TimeSpan.FromSeconds(-1), cancellationToken);
                        await WorkQueue.TryDeleteAsync(item.MessageId, item.PopReceipt, cancellationToken);
                        Log.MessagePoisoned(_logger, item.MessageId, item.Work?.EmailId, item.Work?.Ordinal, item.Decision.Reason ?? string.Empty);
                        break;
                    default:
                        break;
                }
            });
    }

    /// <summary>Marks the recipients of poisoned messages Failed with the internal reason (best effort: the messages
    /// move to the poison queue either way, so nothing loops silently).</summary>
    private async Task FailPoisonedAsync(string emailId, List<ReceivedWork> items, DateTimeOffset now, CancellationToken cancellationToken)
    {
        try
        {
            for (var attempt = 0; attempt < MaxConflictRetries; attempt++)
            {
                var partition = IsUsableKey(emailId) ? await LoadAsync(emailId, cancellationToken) : null;
                if (partition is null || partition.Email.Terminated)
                {
                    return;
                }

                var changed = new List<RecipientEntity>();
                foreach (var item in items)
                {
                    if (partition.Recipient(item.Work!.Ordinal) is { } recipient && !EmailState.IsFinal(recipient.Status) && !changed.Contains(recipient))
                    {
                        recipient.Status = nameof(DeliveryStatus.Failed);
                        recipient.Response = item.Decision.Reason;
                        recipient.NextAttemptTicks = null;
                        recipient.LeaseToken = null;
                        recipient.LeaseExpiresTicks = null;
                        recipient.QueueMessageId = null;
                        recipient.PopReceipt = null;
                        changed.Add(recipient);
                    }
                }

                if (changed.Count == 0)
                {
                    return;
                }

                var email = partition.Email;
                var previousDue = email.NextDueTicks;
                email.Started = true;
                email.LastUpdatedTicks = Math.Max(email.LastUpdatedTicks, now.UtcTicks);
                EmailState.Recompute(email, partition.Recipients);
                if (await CommitAsync(email, changed, cancellationToken))
                {
                    await AfterCommitAsync(email, previousDue);
                    return;
                }
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.HousekeepingFailed(_logger, "fail poisoned recipient", ex);
        }
    }

    /// <summary>Keeps the active index in step after a committed change: the copy of the next due time, or the row's
    /// removal once the email is terminal. Failures are logged; readers repair stale rows.</summary>
    private async Task AfterCommitAsync(EmailEntity email, long? previousDue)
    {
        try
        {
            if (EmailState.IsTerminal(email))
            {
                await DeleteIgnoringMissingAsync(() => Active.DeleteEntityAsync(ActiveEntity.Partition, email.PartitionKey, ETag.All));
            }
            else if (email.NextDueTicks != previousDue)
            {
                await Active.UpsertEntityAsync(
                    new ActiveEntity { RowKey = email.PartitionKey, NextDueTicks = email.NextDueTicks }, Azure.Data.Tables.TableUpdateMode.Replace);
            }
        }
        catch (Exception ex)
        {
            Log.HousekeepingFailed(_logger, "active index", ex);
        }
    }
}
