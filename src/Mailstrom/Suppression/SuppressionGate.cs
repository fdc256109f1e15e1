using Mailstrom.Delivery;
using Microsoft.Extensions.Options;

namespace Mailstrom.Suppression;

/// <summary>
/// The suppression list's place in one delivery batch, for both engines: before the attempt, one lookup of the batch's
/// addresses turns each listed recipient into an immediate <see cref="SuppressionRule.Refusal"/> (the others go on to the
/// delivery core); after it, <see cref="SuppressionRule"/> names the entries to record. While the list is disabled it
/// neither reads nor proposes anything.
/// </summary>
public sealed class SuppressionGate
{
    private readonly ISuppressionList _list;
    private readonly SuppressionOptions _options;

    /// <summary>Creates the gate over a list.</summary>
    /// <param name="list">The suppression list.</param>
    /// <param name="options">The settings (<c>Mailstrom:Suppression</c>).</param>
    public SuppressionGate(ISuppressionList list, IOptions<SuppressionOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _list = list ?? throw new ArgumentNullException(nameof(list));
        _options = options.Value;
    }

    /// <summary>The list behind the gate.</summary>
    public ISuppressionList List => _list;

    /// <summary>Looks the recipients up in one read.</summary>
    /// <param name="recipients">The batch's recipients.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>For each recipient in order, its refusal when listed, otherwise <see langword="null"/>.</returns>
    public async Task<AttemptOutcome?[]> CheckAsync(IReadOnlyList<BatchRecipient> recipients, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        var refusals = new AttemptOutcome?[recipients.Count];
        if (!_options.Enabled || recipients.Count == 0)
        {
            return refusals;
        }

        var keys = recipients.Select(r => SuppressionAddress.TryNormalize(r.Address, out var key) ? key : null).ToArray();
        var found = await _list.FindAsync([.. keys.OfType<string>().Distinct(StringComparer.Ordinal)], cancellationToken);
        for (var i = 0; i < keys.Length; i++)
        {
            if (keys[i] is { } key && found.TryGetValue(key, out var entry))
            {
                refusals[i] = SuppressionRule.Refusal(entry);
            }
        }

        return refusals;
    }

    /// <summary>
    /// Delivers a batch through the gate: listed recipients are refused without an attempt, the others are handed to
    /// <paramref name="agent"/> together (no call at all when every recipient is listed).
    /// </summary>
    /// <param name="batch">The batch.</param>
    /// <param name="agent">The delivery core.</param>
    /// <param name="cancellationToken">Cancels the lookup and the attempt.</param>
    /// <returns>One outcome per recipient, in the batch's order.</returns>
    public Task<IReadOnlyList<AttemptOutcome>> DeliverAsync(DeliveryBatch batch, IDeliveryAgent agent, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(agent);
        return DeliverAsync(batch, agent.DeliverAsync, cancellationToken);
    }

    /// <summary>
    /// Delivers a batch through the gate as <see cref="DeliverAsync(DeliveryBatch, IDeliveryAgent, CancellationToken)"/>
    /// does, with <paramref name="attempt"/> (the delivery core and whatever the host puts around it) for the others.
    /// </summary>
    /// <param name="batch">The batch.</param>
    /// <param name="attempt">Attempts the recipients not refused; one outcome per recipient, in order.</param>
    /// <param name="cancellationToken">Cancels the lookup and the attempt.</param>
    /// <returns>One outcome per recipient, in the batch's order.</returns>
    public async Task<IReadOnlyList<AttemptOutcome>> DeliverAsync(
        DeliveryBatch batch, Func<DeliveryBatch, CancellationToken, Task<IReadOnlyList<AttemptOutcome>>> attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(attempt);
        var refusals = await CheckAsync(batch.Recipients, cancellationToken);
        if (Remaining(batch, refusals) is not { } remaining)
        {
            return Merge(refusals, []);
        }

        var delivered = await attempt(remaining, cancellationToken);
        return Merge(refusals, delivered);
    }

    /// <summary>The batch without its refused recipients.</summary>
    /// <param name="batch">The batch.</param>
    /// <param name="refusals">The result of <see cref="CheckAsync"/> for it.</param>
    /// <returns>The batch to attempt, or <see langword="null"/> when every recipient was refused.</returns>
    private static DeliveryBatch? Remaining(DeliveryBatch batch, AttemptOutcome?[] refusals)
    {
        ArgumentNullException.ThrowIfNull(batch);
        ArgumentNullException.ThrowIfNull(refusals);
        if (refusals.All(r => r is null))
        {
            return batch;
        }

        var rest = batch.Recipients.Where((_, i) => refusals[i] is null).ToArray();
        return rest.Length == 0 ? null : batch with { Recipients = rest };
    }

    /// <summary>The refusals and the attempted recipients' outcomes, back in the batch's order.</summary>
    /// <param name="refusals">The result of <see cref="CheckAsync"/>.</param>
    /// <param name="delivered">The outcomes of the recipients that were not refused, in order.</param>
    /// <returns>One outcome per recipient.</returns>
    /// <exception cref="ArgumentException"><paramref name="delivered"/> has not one outcome per unrefused recipient.</exception>
    private static AttemptOutcome[] Merge(AttemptOutcome?[] refusals, IReadOnlyList<AttemptOutcome> delivered)
    {
        ArgumentNullException.ThrowIfNull(refusals);
        ArgumentNullException.ThrowIfNull(delivered);
        if (delivered.Count != refusals.Count(r => r is null))
        {
            throw new ArgumentException("One outcome is needed per recipient that was not refused.", nameof(delivered));
        }

        var next = 0;
        return [.. refusals.Select(r => r ?? delivered[next++])];
    }

    /// <summary>The entries to record after an attempt (<see cref="SuppressionRule.EntryFor"/> for each recipient).</summary>
    /// <param name="emailId">The email id.</param>
    /// <param name="recipients">The batch's recipients.</param>
    /// <param name="outcomes">Their outcomes, in order.</param>
    /// <param name="now">When the attempt ended.</param>
    /// <returns>For each recipient in order, its entry or <see langword="null"/>.</returns>
    public SuppressionEntry?[] EntriesFor(string emailId, IReadOnlyList<BatchRecipient> recipients, IReadOnlyList<AttemptOutcome> outcomes, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        ArgumentNullException.ThrowIfNull(outcomes);
        return [.. recipients.Select((r, i) => i < outcomes.Count ? SuppressionRule.EntryFor(emailId, r.Address, outcomes[i], now, _options) : null)];
    }
}
