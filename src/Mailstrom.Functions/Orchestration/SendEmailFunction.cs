using Mailstrom.Durable;
using Mailstrom.Durable.Orchestrations;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace Mailstrom.Functions.Orchestration;

/// <summary>
/// The <see cref="DurableTaskNames.SendEmail"/> orchestrator function: the Durable engine's
/// <see cref="SendEmailOrchestrator"/>, one instance per email (and per page of a large email, as sub-orchestrations of
/// the same name). It must stay a thin, synchronous hand-over: the orchestrator's code is replayed and may not await
/// anything but the context.
/// </summary>
public static class SendEmailFunction
{
    /// <summary>Runs the orchestrator on the instance's input.</summary>
    /// <param name="context">The orchestration context, bound by the host.</param>
    /// <returns>The email's (or page's) final counts.</returns>
    [Function(DurableTaskNames.SendEmail)]
    public static Task<EmailProgress> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new SendEmailOrchestrator().RunAsync(context, context.GetInput<SendEmailInput>()!);
    }
}
