using DurableTask.Core;
using DurableTask.Core.History;

namespace Mailstrom.Durable.TaskHub.AzureStorage;

/// <summary>
/// Sits between the Durable Task gRPC server's dispatcher and DurableTask.AzureStorage and hands the store only events it
/// can persist. The preview gRPC server records a started sub-orchestration as its own subclass of
/// <see cref="SubOrchestrationInstanceCreatedEvent"/> (written to the history table without properties, so the parent can
/// never be replayed) and copies the child's tags as a protobuf map (which the store's queue serializer cannot read
/// back). Both are replaced here by the plain Durable Task types before they are stored; everything else passes through.
/// </summary>
internal sealed class PersistableEventsService(IOrchestrationService inner) : OrchestrationServiceDecorator(inner)
{
    public override Task CompleteTaskOrchestrationWorkItemAsync(
        TaskOrchestrationWorkItem workItem,
        OrchestrationRuntimeState newOrchestrationRuntimeState,
        IList<TaskMessage> outboundMessages,
        IList<TaskMessage> orchestratorMessages,
        IList<TaskMessage> timerMessages,
        TaskMessage continuedAsNewMessage,
        OrchestrationState orchestrationState)
    {
        ArgumentNullException.ThrowIfNull(newOrchestrationRuntimeState);
        ArgumentNullException.ThrowIfNull(orchestratorMessages);
        ReplaceSubOrchestrationEvents(newOrchestrationRuntimeState.Events);
        ReplaceSubOrchestrationEvents(newOrchestrationRuntimeState.NewEvents);
        foreach (var message in orchestratorMessages)
        {
            if (message.Event is ExecutionStartedEvent started)
            {
                started.Tags = PlainTags(started.Tags);
            }
        }

        return base.CompleteTaskOrchestrationWorkItemAsync(
            workItem, newOrchestrationRuntimeState, outboundMessages, orchestratorMessages, timerMessages, continuedAsNewMessage, orchestrationState);
    }

    private static Dictionary<string, string>? PlainTags(IDictionary<string, string>? tags) =>
        tags is null || tags.Count == 0 ? null : new Dictionary<string, string>(tags, StringComparer.Ordinal);

    private static void ReplaceSubOrchestrationEvents(IList<HistoryEvent> events)
    {
        for (var i = 0; i < events.Count; i++)
        {
            if (events[i] is SubOrchestrationInstanceCreatedEvent created && created.GetType() != typeof(SubOrchestrationInstanceCreatedEvent))
            {
                events[i] = new SubOrchestrationInstanceCreatedEvent(created.EventId)
                {
                    Name = created.Name,
                    Version = created.Version,
                    InstanceId = created.InstanceId,
                    Input = created.Input,
                    Timestamp = created.Timestamp,
                    IsPlayed = created.IsPlayed,
                    ClientSpanId = created.ClientSpanId,
                    Tags = PlainTags(created.Tags),
                };
            }
        }
    }
}
