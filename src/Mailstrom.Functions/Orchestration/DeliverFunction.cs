using Mailstrom.Delivery;
using Mailstrom.Durable;
using Mailstrom.Durable.Activities;
using Microsoft.Azure.Functions.Worker;

namespace Mailstrom.Functions.Orchestration;

/// <summary>
/// The <see cref="DurableTaskNames.Deliver"/> activity function: one SMTP transaction for some recipients of one email
/// on one domain, done by the Durable engine's <see cref="RecipientDelivery"/>. A failure here is the orchestrator's to
/// judge, so nothing is caught.
/// </summary>
public sealed class DeliverFunction
{
    private readonly RecipientDelivery _delivery;

    /// <summary>Creates the function over the delivery work.</summary>
    /// <param name="delivery">The delivery work.</param>
    public DeliverFunction(RecipientDelivery delivery)
    {
        _delivery = delivery;
    }

    /// <summary>Attempts delivery to the input's recipients.</summary>
    /// <param name="input">The email, domain and recipients, bound by the host.</param>
    /// <param name="cancellationToken">Cancelled when the host shuts down.</param>
    /// <returns>One outcome per recipient, in input order.</returns>
    [Function(DurableTaskNames.Deliver)]
    public Task<AttemptOutcome[]> RunAsync([ActivityTrigger] DeliverInput input, CancellationToken cancellationToken) =>
        _delivery.DeliverAsync(input, cancellationToken);
}
