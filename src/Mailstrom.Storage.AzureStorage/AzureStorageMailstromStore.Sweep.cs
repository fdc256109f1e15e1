using Azure;
using Azure.Data.Tables;
using Azure.Storage.Queues.Models;
using Mailstrom.Storage.AzureStorage.Diagnostics;
using Mailstrom.Storage.AzureStorage.Internal;
using Mailstrom.Storage.AzureStorage.Queueing;

namespace Mailstrom.Storage.AzureStorage;

public sealed partial class AzureStorageMailstromStore
{
    /// <summary>Active emails examined per sweep.</summary>
    private const int SweepPageSize = 100;

    private readonly object _sweepGate = new();
    private DateTimeOffset _nextSweep;
    private string? _sweepContinuation;
    private bool _sweeping;

    /// <summary>
    /// The safety net for lost queue messages: examines one page of active emails (continuing where the previous sweep
    /// stopped) and, for every pending recipient that has been claimable for longer than
    /// <see cref="AzureStorageOptions.LostMessageAfter"/> by the store's clock, sends a fresh work message and makes it
    /// the recipient's current one (any older message is then dropped as a duplicate when received). Also removes
    /// index rows of emails that are terminal or never committed.
    /// </summary>
    /// <param name="cancellationToken">Cancels the sweep.</param>
    /// <returns>How many recipients got a fresh work message.</returns>
    /// <exception cref="RequestFailedException">The account refused a request.</exception>
    public async Task<int> SweepAsync(CancellationToken cancellationToken)
    {
        await EnsureCreatedAsync(cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {ActiveEntity.Partition}");
        Page<ActiveEntity>? page = null;
        await foreach (var first in Active.QueryAsync<ActiveEntity>(filter, maxPerPage: SweepPageSize, cancellationToken: cancellationToken)
            .AsPages(_sweepContinuation, SweepPageSize))
        {
            page = first;
            break;
        }

        _sweepContinuation = page?.ContinuationToken;
        var restored = 0;
        var lostBefore = (_timeProvider.GetUtcNow() - _options.LostMessageAfter).UtcTicks;
        foreach (var row in page?.Values ?? [])
        {
            if (row.NextDueTicks is { } due && due > lostBefore)
            {
                continue;
            }

            var partition = await LoadAsync(row.RowKey, cancellationToken);
            if (partition is null || EmailState.IsTerminal(partition.Email))
            {
                if (partition is not null || IsOlderThan(row.Timestamp, _options.OrphanMessageMaxAge))
                {
                    await DeleteIgnoringMissingAsync(() => Active.DeleteEntityAsync(ActiveEntity.Partition, row.RowKey, row.ETag, cancellationToken));
                }

                continue;
            }

            restored += await RestoreLostAsync(partition, lostBefore, cancellationToken);
        }

        return restored;
    }

    private async Task<int> RestoreLostAsync(EmailPartition partition, long lostBefore, CancellationToken cancellationToken)
    {
        var lost = partition.Recipients.Where(r => !EmailState.IsFinal(r.Status) && EmailState.ClaimableTicks(r) <= lostBefore).ToList();
        if (lost.Count == 0)
        {
            return 0;
        }

        var sent = new List<SendReceipt>();
        foreach (var recipient in lost.Take(BatchSize - 1))
        {
            var receipt = await WorkQueue.SendWorkAsync(new WorkMessage(recipient.PartitionKey, recipient.Ordinal), TimeSpan.Zero, cancellationToken);
            recipient.QueueMessageId = receipt.MessageId;
            recipient.PopReceipt = receipt.PopReceipt;
            sent.Add(receipt);
        }

        if (!await CommitAsync(partition.Email, lost.Take(BatchSize - 1).ToList(), cancellationToken))
        {
            // The email changed meanwhile: whatever changed it also took care of its messages.
            await Task.WhenAll(sent.Select(r => WorkQueue.TryDeleteAsync(r.MessageId, r.PopReceipt, CancellationToken.None)));
            return 0;
        }

        foreach (var recipient in lost.Take(BatchSize - 1))
        {
            Log.MessageRestored(_logger, recipient.PartitionKey, recipient.Ordinal);
        }

        return sent.Count;
    }

    /// <summary>Runs <see cref="SweepAsync"/> when <see cref="AzureStorageOptions.SweepInterval"/> has passed since the
    /// last one (one sweep at a time per store); a failed sweep is logged, never thrown at the claim.</summary>
    private async Task SweepIfDueAsync(CancellationToken cancellationToken)
    {
        var now = _timeProvider.GetUtcNow();
        lock (_sweepGate)
        {
            if (_sweeping || now < _nextSweep)
            {
                return;
            }

            _sweeping = true;
            _nextSweep = now + _options.SweepInterval;
        }

        try
        {
            await SweepAsync(cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            Log.SweepFailed(_logger, ex);
        }
        finally
        {
            lock (_sweepGate)
            {
                _sweeping = false;
            }
        }
    }
}
