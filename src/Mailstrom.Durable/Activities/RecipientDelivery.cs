using Mailstrom.Delivery;
using Mailstrom.Delivery.Concurrency;
using Mailstrom.Durable.Content;

namespace Mailstrom.Durable.Activities;

/// <summary>
/// The work of the <see cref="DurableTaskNames.Deliver"/> activity, whatever hosts it: reads the stored message and
/// hands it to the delivery core (MX resolution, the private-destination guard, relay mode, SMTP) within the process's
/// total and per-domain limits, which returns one outcome per recipient. It decides nothing about retries: the orchestrator applies the retry rule.
/// </summary>
public sealed class RecipientDelivery
{
    private readonly IDeliveryAgent _agent;
    private readonly IMessageContentStore _content;
    private readonly DeliverySlots _slots;

    /// <summary>Creates the delivery over the delivery core and the content store.</summary>
    /// <param name="agent">The delivery core.</param>
    /// <param name="content">Where accepted messages are stored.</param>
    /// <param name="slots">The process's delivery limits, in total and per domain.</param>
    public RecipientDelivery(IDeliveryAgent agent, IMessageContentStore content, DeliverySlots slots)
    {
        _agent = agent;
        _content = content;
        _slots = slots;
    }

    /// <summary>Attempts delivery to the recipients of <paramref name="input"/> in one SMTP transaction.</summary>
    /// <param name="input">The email, domain and recipients.</param>
    /// <param name="cancellationToken">Cancels the attempt (the host is shutting down).</param>
    /// <returns>One outcome per recipient, in the order of <see cref="DeliverInput.Recipients"/>.</returns>
    public async Task<AttemptOutcome[]> DeliverAsync(DeliverInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var content = await _content.GetAsync(input.EmailId, cancellationToken);
        if (content is not { } bytes)
        {
            var missing = AttemptOutcome.Local(AttemptOutcomeKind.Transient,
                "4.3.0 The message content is not in the content store (yet); the attempt will be repeated");
            return [.. input.Recipients.Select(_ => missing)];
        }

        using var slot = await _slots.TakeAsync(input.Domain, cancellationToken);
        var outcomes = await _agent.DeliverAsync(
            new DeliveryBatch(input.EmailId, input.EnvelopeFrom, input.Domain, input.Recipients, bytes), cancellationToken);
        return [.. outcomes];
    }
}
