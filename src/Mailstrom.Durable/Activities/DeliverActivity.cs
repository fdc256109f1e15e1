using Mailstrom.Delivery;
using Microsoft.DurableTask;

namespace Mailstrom.Durable.Activities;

/// <summary>The <see cref="DurableTaskNames.Deliver"/> activity for Durable Task workers outside the Functions host.</summary>
[DurableTask(DurableTaskNames.Deliver)]
public sealed class DeliverActivity : TaskActivity<DeliverInput, AttemptOutcome[]>
{
    private readonly RecipientDelivery _delivery;

    /// <summary>Creates the activity.</summary>
    /// <param name="delivery">The delivery work.</param>
    public DeliverActivity(RecipientDelivery delivery)
    {
        _delivery = delivery;
    }

    /// <inheritdoc />
    public override Task<AttemptOutcome[]> RunAsync(TaskActivityContext context, DeliverInput input) =>
        _delivery.DeliverAsync(input, CancellationToken.None);
}
