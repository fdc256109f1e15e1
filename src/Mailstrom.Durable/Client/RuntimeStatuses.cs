using Mailstrom.Model;
using Microsoft.DurableTask.Client;

namespace Mailstrom.Durable.Client;

/// <summary>How Durable Task's instance states map to an email's runtime status, both ways.</summary>
public static class RuntimeStatuses
{
    /// <summary>The email's runtime status for an instance state.</summary>
    /// <param name="status">The instance state.</param>
    /// <returns>The runtime status.</returns>
    public static RuntimeStatus From(OrchestrationRuntimeStatus status) => status switch
    {
        OrchestrationRuntimeStatus.Pending => RuntimeStatus.Pending,
        OrchestrationRuntimeStatus.Completed => RuntimeStatus.Completed,
        OrchestrationRuntimeStatus.Failed => RuntimeStatus.Failed,
        OrchestrationRuntimeStatus.Terminated => RuntimeStatus.Terminated,
        _ => RuntimeStatus.Running,
    };

    /// <summary>The instance states a filter on runtime statuses selects.</summary>
    /// <param name="statuses">The runtime statuses.</param>
    /// <returns>The instance states.</returns>
    public static IReadOnlyList<OrchestrationRuntimeStatus> To(IEnumerable<RuntimeStatus> statuses)
    {
        ArgumentNullException.ThrowIfNull(statuses);
        var states = new HashSet<OrchestrationRuntimeStatus>();
        foreach (var status in statuses)
        {
            switch (status)
            {
                case RuntimeStatus.Pending:
                    states.Add(OrchestrationRuntimeStatus.Pending);
                    break;
                case RuntimeStatus.Running:
                    states.Add(OrchestrationRuntimeStatus.Running);
                    states.Add(OrchestrationRuntimeStatus.Suspended);
                    break;
                case RuntimeStatus.Completed:
                    states.Add(OrchestrationRuntimeStatus.Completed);
                    break;
                case RuntimeStatus.Failed:
                    states.Add(OrchestrationRuntimeStatus.Failed);
                    break;
                case RuntimeStatus.Terminated:
                    states.Add(OrchestrationRuntimeStatus.Terminated);
                    break;
                default:
                    break;
            }
        }

        return [.. states.Order()];
    }
}
