using Mailstrom.Durable;
using Mailstrom.Durable.Webhooks;
using Mailstrom.Webhooks;
using Microsoft.Azure.Functions.Worker;

namespace Mailstrom.Functions.Orchestration;

/// <summary>The <see cref="DurableTaskNames.PostWebhook"/> activity function: one try of one webhook event at one endpoint.</summary>
public sealed class PostWebhookFunction
{
    private readonly WebhookDelivery _delivery;

    /// <summary>Creates the function over one try's logic.</summary>
    /// <param name="delivery">One try's logic.</param>
    public PostWebhookFunction(WebhookDelivery delivery)
    {
        _delivery = delivery;
    }

    /// <summary>Tries the input's event at its endpoint.</summary>
    /// <param name="input">The endpoint, event and try number, bound by the host.</param>
    /// <param name="cancellationToken">Cancelled when the host shuts down.</param>
    /// <returns>The retry rule's decision.</returns>
    [Function(DurableTaskNames.PostWebhook)]
    public Task<WebhookDecision> RunAsync([ActivityTrigger] PostWebhookInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return _delivery.AttemptAsync(input.Endpoint, input.Event, input.Attempt, cancellationToken);
    }
}
