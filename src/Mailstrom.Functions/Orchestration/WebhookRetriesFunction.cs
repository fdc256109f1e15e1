using Mailstrom.Durable;
using Mailstrom.Durable.Webhooks;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace Mailstrom.Functions.Orchestration;

/// <summary>
/// The <see cref="DurableTaskNames.WebhookRetries"/> orchestrator function: the Durable engine's
/// <see cref="WebhookRetriesOrchestrator"/>, a thin synchronous hand-over like <see cref="SendEmailFunction"/>.
/// </summary>
public static class WebhookRetriesFunction
{
    /// <summary>Runs the orchestrator on the instance's input.</summary>
    /// <param name="context">The orchestration context, bound by the host.</param>
    /// <returns>How many of the events were delivered.</returns>
    [Function(DurableTaskNames.WebhookRetries)]
    public static Task<int> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new WebhookRetriesOrchestrator().RunAsync(context, context.GetInput<WebhookRetriesInput>()!);
    }
}
