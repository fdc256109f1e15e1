using Mailstrom.Webhooks;
using Microsoft.DurableTask;

namespace Mailstrom.Durable.Orchestrations;

/// <summary>
/// The <see cref="DurableTaskNames.SendEmail"/> orchestrator: one instance per email, whose id is the email id. An email
/// of up to <see cref="RecipientPages.Size"/> recipients is delivered by the instance itself (<see cref="PageDelivery"/>);
/// a larger one runs one child instance per page and waits for all of them. Deterministic: time comes from the
/// orchestration context, every I/O step is an activity, and the retry decision is the core's pure rule.
/// </summary>
[DurableTask(DurableTaskNames.SendEmail)]
public sealed class SendEmailOrchestrator : TaskOrchestrator<SendEmailInput, EmailProgress>
{
    /// <inheritdoc />
    public override Task<EmailProgress> RunAsync(TaskOrchestrationContext context, SendEmailInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        return !input.IsPage && RecipientPages.Count(input.Recipients.Count) > 0
            ? RunPagesAsync(context, input)
            : new PageDelivery(context, input).RunAsync();
    }

    private static async Task<EmailProgress> RunPagesAsync(TaskOrchestrationContext context, SendEmailInput input)
    {
        var pages = RecipientPages.Split(input);
        var running = new List<Task<EmailProgress>>(pages.Count);
        for (var page = 0; page < pages.Count; page++)
        {
            running.Add(context.CallSubOrchestratorAsync<EmailProgress>(
                DurableTaskNames.SendEmail, pages[page], new SubOrchestrationOptions { InstanceId = RecipientPages.InstanceId(input.EmailId, page) }));
        }

        // Counts from the pages that have finished; the recipients of the others count as queued here, and the API
        // reads their exact state from the pages themselves.
        int delivered = 0, failed = 0, unfinished = input.Recipients.Count;
        context.SetCustomStatus(new EmailProgress(unfinished, 0, 0, 0, null, null, pages.Count));
        while (running.Count > 0)
        {
            var finished = await Task.WhenAny(running);
            running.Remove(finished);
            var result = await finished;
            delivered += result.Delivered;
            failed += result.Failed;
            unfinished -= result.Delivered + result.Failed;
            context.SetCustomStatus(new EmailProgress(unfinished, 0, delivered, failed, null, null, pages.Count));
        }

        var webhooks = new EventPublication(context, input.WebhookEvents);
        var now = new DateTimeOffset(DateTime.SpecifyKind(context.CurrentUtcDateTime, DateTimeKind.Utc));
        webhooks.Publish([WebhookEvents.ForEmail(input.EmailId, terminated: false, delivered, failed, cancelled: 0, reason: null, now)]);
        await webhooks.WhenHandedOverAsync();
        return new EmailProgress(0, 0, delivered, failed, null, null, pages.Count);
    }
}
