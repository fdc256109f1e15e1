using Mailstrom.Webhooks;
using Microsoft.DurableTask;

namespace Mailstrom.Durable.Webhooks;

/// <summary>
/// The <see cref="DurableTaskNames.WebhookRetries"/> orchestrator: the events of one email that one endpoint did not take
/// at first, each tried again (<see cref="DurableTaskNames.PostWebhook"/>) when the shared retry rule said, on durable
/// timers, until it is delivered or dead. An instance of its own, apart from the email's, so an email completes while its
/// events still wait, and a restart never loses or resets a backoff. Deterministic: every decision comes back from the
/// activity, which applies <see cref="WebhookRetryRule"/>.
/// </summary>
[DurableTask(DurableTaskNames.WebhookRetries)]
public sealed class WebhookRetriesOrchestrator : TaskOrchestrator<WebhookRetriesInput, int>
{
    private static readonly TaskOptions ActivityRetry = TaskOptions.FromRetryPolicy(new RetryPolicy(3, TimeSpan.FromSeconds(5), backoffCoefficient: 2));

    /// <inheritdoc />
    /// <returns>How many of the events were delivered (the rest are dead).</returns>
    public override async Task<int> RunAsync(TaskOrchestrationContext context, WebhookRetriesInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var pending = input.Events.ToList();
        var delivered = 0;
        while (pending.Count > 0)
        {
            var now = new DateTimeOffset(DateTime.SpecifyKind(context.CurrentUtcDateTime, DateTimeKind.Utc));
            var due = pending.Where(p => p.NextAttemptTime <= now).ToList();
            if (due.Count == 0)
            {
                await context.CreateTimer(pending.Min(p => p.NextAttemptTime).UtcDateTime, CancellationToken.None);
                continue;
            }

            var decisions = await Task.WhenAll(due.Select(p => TryAsync(context, input.Endpoint, p)));
            for (var i = 0; i < due.Count; i++)
            {
                pending.Remove(due[i]);
                switch (decisions[i].Kind)
                {
                    case WebhookDecisionKind.Delivered:
                        delivered++;
                        break;
                    case WebhookDecisionKind.Retry:
                        pending.Add(due[i] with { Attempts = due[i].Attempts + 1, NextAttemptTime = decisions[i].NextAttemptTime ?? now });
                        break;
                    default:
                        break;
                }
            }
        }

        return delivered;
    }

    private static async Task<WebhookDecision> TryAsync(TaskOrchestrationContext context, string endpoint, PendingWebhook pending)
    {
        try
        {
            return await context.CallActivityAsync<WebhookDecision>(
                DurableTaskNames.PostWebhook, new PostWebhookInput(endpoint, pending.Event, pending.Attempts + 1), ActivityRetry);
        }
        catch (TaskFailedException ex)
        {
            // The activity itself kept failing (not the receiver: that is a decision): give the event up.
            return new WebhookDecision(WebhookDecisionKind.Dead, null, $"the {DurableTaskNames.PostWebhook} activity failed: {ex.FailureDetails?.ErrorMessage}");
        }
    }
}
