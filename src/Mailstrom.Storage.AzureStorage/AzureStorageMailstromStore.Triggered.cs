using Azure;
using Azure.Storage.Queues.Models;
using Mailstrom.Storage.AzureStorage.Internal;
using Mailstrom.Storage.AzureStorage.Queueing;

namespace Mailstrom.Storage.AzureStorage;

public sealed partial class AzureStorageMailstromStore
{
    /// <summary>The owner recorded for claims made for a queue trigger.</summary>
    private const string TriggerOwner = "queue-trigger";

    /// <summary>
    /// Claims the recipient of one work message that a queue trigger received (the Functions host owns dequeueing):
    /// the message is judged against its recipient's entity exactly as <see cref="ClaimDueAsync"/> judges the messages
    /// it receives. A due recipient is leased (the trigger keeps the message hidden meanwhile); for any other decision
    /// the message is settled here — deleted when its work is done or it is a stale duplicate, hidden again until the
    /// recipient is due (a longer timer, or a lease held elsewhere), or moved to the poison queue — and nothing is
    /// returned. Recording a leased recipient's result replaces its message as the worker's results do.
    /// </summary>
    /// <param name="message">The received message and its metadata.</param>
    /// <param name="now">The claim time.</param>
    /// <param name="leaseDuration">How long the lease holds.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The leased recipient, or nothing.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="leaseDuration"/> is not positive.</exception>
    /// <exception cref="RequestFailedException">The account refused a request; the trigger should retry the message.</exception>
    public async Task<IReadOnlyList<DeliveryWorkItem>> ClaimTriggeredAsync(
        TriggeredWorkMessage message, DateTimeOffset now, TimeSpan leaseDuration, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(leaseDuration, TimeSpan.Zero);
        await EnsureCreatedAsync(cancellationToken);

        var received = new List<ReceivedWork>
        {
            new(QueuesModelFactory.QueueMessage(message.MessageId, message.PopReceipt, message.Text, message.DequeueCount, insertedOn: message.InsertedOn)),
        };
        var request = new ClaimRequest(TriggerOwner, now, leaseDuration, 1);
        var excluded = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var (partitions, failed) = await LoadPartitionsAsync(received, cancellationToken);
        var item = received[0];
        if (item.Work is not null && !failed.Contains(item.Work.EmailId))
        {
            Decide(item, partitions[item.Work.EmailId], now, excluded);
        }

        if (item.Decision.Action != MessageAction.Take)
        {
            await SettleAsync(received, now, cancellationToken);
            return [];
        }

        var lease = await LeaseAsync(item.Work!.EmailId, received, partitions[item.Work.EmailId]!, request, excluded, hiddenForLease: true, cancellationToken);
        if (lease.Failure is { } failure)
        {
            throw failure;
        }

        if (lease.Items.Count > 0 && lease.Email!.NextDueTicks != lease.PreviousDue)
        {
            await UpdateActiveIndexAsync([lease.Email]);
        }

        if (item.Decision.Action != MessageAction.Take)
        {
            // Decided again after a conflict: the recipient was no longer claimable.
            await SettleAsync(received, now, cancellationToken);
        }

        return lease.Items;
    }
}
