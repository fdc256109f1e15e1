using System.Collections.Concurrent;
using System.Security.Cryptography;
using Mailstrom.Retry;
using Mailstrom.Delivery;
using Mailstrom.Diagnostics;
using Mailstrom.Model;
using Mailstrom.Orchestration;
using Mailstrom.Storage;
using Mailstrom.Suppression;
using Mailstrom.Webhooks.Outbox;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mailstrom.Hosting;

/// <summary>
/// Runs one delivery batch (its caller holds its <see cref="Delivery.Concurrency.DeliverySlot"/>): reads the message,
/// refuses the recipients on the suppression list and calls the delivery core for the others
/// (<see cref="SuppressionGate"/>), applies the pure retry decision to each recipient and records the results, with the
/// suppression entries they add, in one commit. Cancelled attempts release their leases.
/// </summary>
internal sealed class BatchRunner
{
    private const int ContentCacheLimit = 256;

    private readonly IDeliveryQueue _queue;
    private readonly IDeliveryAgent _agent;
    private readonly RetryOptions _retry;
    private readonly TimeProvider _timeProvider;
    private readonly MailstromMetrics _metrics;
    private readonly ILogger<BatchRunner> _logger;
    private readonly OutboxSignal? _webhooks;
    private readonly SuppressionGate? _suppression;
    private readonly ConcurrentDictionary<string, Task<ReadOnlyMemory<byte>?>> _contents = new(StringComparer.Ordinal);

    public BatchRunner(
        IDeliveryQueue queue,
        IDeliveryAgent agent,
        IOptions<RetryOptions> retry,
        TimeProvider timeProvider,
        MailstromMetrics metrics,
        ILogger<BatchRunner> logger,
        OutboxSignal? webhooks = null,
        SuppressionGate? suppression = null)
    {
        _queue = queue;
        _agent = agent;
        _retry = retry.Value;
        _timeProvider = timeProvider;
        _metrics = metrics;
        _logger = logger;
        _webhooks = webhooks;
        _suppression = suppression;
    }

    /// <summary>Runs a batch.</summary>
    /// <returns>The results recorded; <see langword="null"/> when the attempt was abandoned, faulted or not recorded
    /// (the leases were released or lapse), empty when the email's content is gone.</returns>
    public async Task<IReadOnlyList<RecipientResult>?> RunAsync(IReadOnlyList<DeliveryWorkItem> batch, CancellationToken abandon)
    {
        var first = batch[0];
        try
        {
            return await DeliverAndRecordAsync(batch, abandon);
        }
        catch (OperationCanceledException) when (abandon.IsCancellationRequested)
        {
            await ReleaseAsync(batch);
            return null;
        }
        catch (Exception ex)
        {
            WorkerLog.BatchFaulted(_logger, first.EmailId, ex);
            await ReleaseAsync(batch);
            return null;
        }
    }

    private async Task<IReadOnlyList<RecipientResult>?> DeliverAndRecordAsync(IReadOnlyList<DeliveryWorkItem> batch, CancellationToken abandon)
    {
        var first = batch[0];
        var content = await GetContentAsync(first.EmailId, abandon);
        if (content is null)
        {
            WorkerLog.ContentMissing(_logger, first.EmailId);
            return [];
        }

        var recipients = batch.Select(i => new BatchRecipient(i.Address, i.RequiresSmtpUtf8)).ToArray();
        var delivery = new DeliveryBatch(first.EmailId, first.EnvelopeFrom, first.Domain, recipients, content.Value, first.EmailCreatedTime);
        var outcomes = _suppression is null
            ? await _agent.DeliverAsync(delivery, abandon)
            : await _suppression.DeliverAsync(delivery, _agent, abandon);

        var now = _timeProvider.GetUtcNow();
        var suppressions = _suppression?.EntriesFor(first.EmailId, recipients, outcomes, now);
        var results = new RecipientResult[batch.Count];
        for (var i = 0; i < batch.Count; i++)
        {
            var item = batch[i];
            var before = new RecipientStatus(item.Address, item.Status, item.Attempts);
            var after = RecipientTransitions.Apply(before, outcomes[i], item.EmailCreatedTime, now, _retry, JitterSample());
            results[i] = new RecipientResult(item.EmailId, item.Ordinal, item.LeaseToken, after, now) { Suppression = suppressions?[i] };
            WorkerLog.RecipientUpdated(_logger, item.EmailId, item.Address, after.Status.ToString(), after.Attempts, after.SmtpCode, after.EnhancedStatusCode);
        }

        try
        {
            // The attempt happened: record it even when shutdown has begun.
            await _queue.RecordAsync(results, CancellationToken.None);
            _webhooks?.Notify();
            foreach (var result in results)
            {
                _metrics.RecipientUpdated(result.State);
            }

            return results;
        }
        catch (Exception ex)
        {
            WorkerLog.RecordFailed(_logger, first.EmailId, ex);
            return null;
        }
    }

    private async Task<ReadOnlyMemory<byte>?> GetContentAsync(string emailId, CancellationToken cancellationToken)
    {
        if (_contents.Count > ContentCacheLimit)
        {
            _contents.Clear();
        }

        var content = await _contents.GetOrAdd(emailId, id => _queue.GetContentAsync(id, CancellationToken.None)).WaitAsync(cancellationToken);
        if (content is null)
        {
            _contents.TryRemove(emailId, out _);
        }

        return content;
    }

    /// <summary>Gives up leases without an attempt; on failure the leases simply expire.</summary>
    public async Task ReleaseAsync(IReadOnlyList<DeliveryWorkItem> batch)
    {
        try
        {
            await _queue.ReleaseAsync(batch, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // The leases expire on their own; the recipients are retried then.
            WorkerLog.RecordFailed(_logger, batch[0].EmailId, ex);
        }
    }

    private static double JitterSample() => RandomNumberGenerator.GetInt32(1_000_000) / 1_000_000.0;
}
