using Mailstrom.Durable.Webhooks;
using Mailstrom.Webhooks;
using Microsoft.DurableTask;

namespace Mailstrom.Durable.Orchestrations;

/// <summary>
/// The orchestrator's side of webhooks: events of the types the email's input subscribes to are handed to the
/// <see cref="DurableTaskNames.Notify"/> activity (with Durable Task's retry policy for the activity itself), without
/// holding up delivery; before the instance completes it waits for those hand-overs, which are quick (a first try each;
/// later tries run in instances of their own). Deterministic: the events are built from the instance's own state and time.
/// </summary>
/// <param name="context">The orchestration context.</param>
/// <param name="subscribed">The event types some endpoint wanted when the email was accepted; <see langword="null"/> for none.</param>
internal sealed class EventPublication(TaskOrchestrationContext context, IReadOnlyList<string>? subscribed)
{
    private static readonly TaskOptions NotifyRetry = TaskOptions.FromRetryPolicy(new RetryPolicy(5, TimeSpan.FromSeconds(5), backoffCoefficient: 2));
    private readonly List<Task<int>> _handOvers = [];

    /// <summary>Hands the wanted ones of <paramref name="events"/> to the activity.</summary>
    /// <param name="events">Events, or <see langword="null"/> for changes that have none.</param>
    public void Publish(IEnumerable<WebhookEvent?> events)
    {
        if (subscribed is not { Count: > 0 } types)
        {
            return;
        }

        var wanted = events.OfType<WebhookEvent>().Where(e => types.Contains(e.Type, StringComparer.Ordinal)).ToList();
        if (wanted.Count > 0)
        {
            _handOvers.Add(context.CallActivityAsync<int>(DurableTaskNames.Notify, new NotifyInput(wanted), NotifyRetry));
        }
    }

    /// <summary>Waits for every hand-over; one that kept failing is given up, never failing the email.</summary>
    /// <returns>A task that completes when every hand-over has ended.</returns>
    public async Task WhenHandedOverAsync()
    {
        foreach (var handOver in _handOvers)
        {
            try
            {
                await handOver;
            }
            catch (TaskFailedException)
            {
                // The task hub or the activity kept failing: the events are lost, delivery is not.
            }
        }
    }
}
