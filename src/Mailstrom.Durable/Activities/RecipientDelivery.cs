using Mailstrom.Delivery;
using Mailstrom.Delivery.Concurrency;
using Mailstrom.Diagnostics;
using Mailstrom.Durable.Content;
using Mailstrom.Model;
using Mailstrom.Orchestration;
using Mailstrom.Suppression;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mailstrom.Durable.Activities;

/// <summary>
/// The work of the <see cref="DurableTaskNames.Deliver"/> activity, whatever hosts it: refuses the recipients on the
/// suppression list without an attempt (<see cref="SuppressionGate"/>), reads the stored message and hands the others to
/// the delivery core (MX resolution, the private-destination guard, relay mode, SMTP) within the process's
/// total and per-domain limits, which returns one outcome per recipient; then records the addresses whose outcome
/// suppresses them (<see cref="SuppressionRule"/>). It decides nothing about retries: the orchestrator
/// applies the retry rule. For the metrics it counts each recipient's new state by the same rule, at the time the attempt
/// ended (the orchestrator, which cannot reach services, applies it again a moment later).
/// </summary>
public sealed class RecipientDelivery
{
    /// <summary>How long recording the suppressed addresses may take once the attempt has happened.</summary>
    public static readonly TimeSpan SuppressionRecordTimeout = TimeSpan.FromSeconds(30);

    private readonly IDeliveryAgent _agent;
    private readonly IMessageContentStore _content;
    private readonly DeliverySlots _slots;
    private readonly MailstromMetrics? _metrics;
    private readonly TimeProvider _clock;
    private readonly SuppressionGate? _suppression;
    private readonly ILogger _logger;

    /// <summary>Creates the delivery over the delivery core and the content store.</summary>
    /// <param name="agent">The delivery core.</param>
    /// <param name="content">Where accepted messages are stored.</param>
    /// <param name="slots">The process's delivery limits, in total and per domain.</param>
    /// <param name="metrics">Where recipients' new states are counted; <see langword="null"/> counts nothing.</param>
    /// <param name="clock">The clock; the system clock when <see langword="null"/>.</param>
    /// <param name="suppression">The suppression list's gate; <see langword="null"/> checks and records nothing.</param>
    /// <param name="logger">Where a suppression that could not be recorded is reported; nowhere when <see langword="null"/>.</param>
    public RecipientDelivery(
        IDeliveryAgent agent,
        IMessageContentStore content,
        DeliverySlots slots,
        MailstromMetrics? metrics = null,
        TimeProvider? clock = null,
        SuppressionGate? suppression = null,
        ILogger<RecipientDelivery>? logger = null)
    {
        _agent = agent;
        _content = content;
        _slots = slots;
        _metrics = metrics;
        _clock = clock ?? TimeProvider.System;
        _suppression = suppression;
        _logger = logger ?? NullLogger<RecipientDelivery>.Instance;
    }

    /// <summary>Attempts delivery to the recipients of <paramref name="input"/> in one SMTP transaction.</summary>
    /// <param name="input">The email, domain and recipients.</param>
    /// <param name="cancellationToken">Cancels the attempt (the host is shutting down).</param>
    /// <returns>One outcome per recipient, in the order of <see cref="DeliverInput.Recipients"/>.</returns>
    public async Task<AttemptOutcome[]> DeliverAsync(DeliverInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var batch = new DeliveryBatch(input.EmailId, input.EnvelopeFrom, input.Domain, input.Recipients, ReadOnlyMemory<byte>.Empty, input.AcceptedTime);
        var outcomes = (_suppression is null
            ? await AttemptAsync(batch, cancellationToken)
            : await _suppression.DeliverAsync(batch, AttemptAsync, cancellationToken)).ToArray();
        await RecordSuppressionsAsync(input, outcomes);
        Count(input, outcomes);
        return outcomes;
    }

    /// <summary>Reads the stored message and hands the recipients that were not refused to the delivery core.</summary>
    private async Task<IReadOnlyList<AttemptOutcome>> AttemptAsync(DeliveryBatch batch, CancellationToken cancellationToken)
    {
        var content = await _content.GetAsync(batch.EmailId, cancellationToken);
        if (content is not { } bytes)
        {
            var missing = AttemptOutcome.Local(AttemptOutcomeKind.Transient,
                "4.3.0 The message content is not in the content store (yet); the attempt will be repeated");
            return [.. batch.Recipients.Select(_ => missing)];
        }

        using var slot = await _slots.TakeAsync(batch.Domain, cancellationToken);
        return await _agent.DeliverAsync(batch with { Content = bytes }, cancellationToken);
    }

    /// <summary>
    /// Records the addresses the outcomes suppress. The attempt has happened by then, so a failure to record is logged,
    /// not thrown: a failed activity is retried, and would send the message again to the recipients that took it. An
    /// address not recorded is suppressed by its next permanent failure instead.
    /// </summary>
    private async Task RecordSuppressionsAsync(DeliverInput input, AttemptOutcome[] outcomes)
    {
        if (_suppression is null)
        {
            return;
        }

        var entries = _suppression.EntriesFor(input.EmailId, input.Recipients, outcomes, _clock.GetUtcNow()).OfType<SuppressionEntry>().ToList();
        if (entries.Count == 0)
        {
            return;
        }

        try
        {
            using var timeout = new CancellationTokenSource(SuppressionRecordTimeout);
            await _suppression.List.AddAsync(entries, timeout.Token);
        }
        catch (Exception ex)
        {
            DeliverActivityLog.SuppressionNotRecorded(_logger, input.EmailId, entries.Count, ex);
        }
    }

    private void Count(DeliverInput input, AttemptOutcome[] outcomes)
    {
        if (_metrics is null || input is not { AcceptedTime: { } accepted, PriorAttempts: { } prior, Retry: { } retry }
            || prior.Count != input.Recipients.Count || outcomes.Length != input.Recipients.Count)
        {
            return;
        }

        var now = _clock.GetUtcNow();
        for (var k = 0; k < outcomes.Length; k++)
        {
            var before = new RecipientStatus(input.Recipients[k].Address, DeliveryStatus.Queued) { Attempts = prior[k] };
            _metrics.RecipientUpdated(RecipientTransitions.Apply(before, outcomes[k], accepted, now, retry, jitterSample: 0));
        }
    }
}
