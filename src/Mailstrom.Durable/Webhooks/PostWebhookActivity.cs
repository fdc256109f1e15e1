using Mailstrom.Webhooks;
using Microsoft.DurableTask;

namespace Mailstrom.Durable.Webhooks;

/// <summary>
/// The <see cref="DurableTaskNames.PostWebhook"/> activity: one try of one event at one endpoint through the shared
/// <see cref="WebhookDelivery"/>, returning the retry rule's decision to the waiting orchestration.
/// </summary>
[DurableTask(DurableTaskNames.PostWebhook)]
public sealed class PostWebhookActivity : TaskActivity<PostWebhookInput, WebhookDecision>
{
    private readonly WebhookDelivery _delivery;

    /// <summary>Creates the activity.</summary>
    /// <param name="delivery">One try's logic.</param>
    public PostWebhookActivity(WebhookDelivery delivery)
    {
        _delivery = delivery;
    }

    /// <inheritdoc />
    public override Task<WebhookDecision> RunAsync(TaskActivityContext context, PostWebhookInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        return _delivery.AttemptAsync(input.Endpoint, input.Event, input.Attempt, CancellationToken.None);
    }
}
