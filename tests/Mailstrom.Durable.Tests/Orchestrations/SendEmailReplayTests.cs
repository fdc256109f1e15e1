using Mailstrom.Testing.Rig;
using DurableTask.Core;
using DurableTask.Core.Command;
using DurableTask.Core.History;
using Mailstrom.Durable.Orchestrations;
using Mailstrom.Durable.Tests.Infrastructure;
using Mailstrom.Testing.Delivery;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker.Shims;
using Newtonsoft.Json.Linq;

namespace Mailstrom.Durable.Tests.Orchestrations;

/// <summary>
/// Replay determinism: after an email has run on an Azure Storage task hub, its recorded history is replayed through
/// the orchestrator one episode at a time, the way a worker replays it after a restart, and every episode must decide
/// exactly what was recorded: the same activities with the same inputs, timers to the same instant, the same child
/// instances, the same output.
/// </summary>
[RigTest]
public sealed class SendEmailReplayTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Replay_OfAnEmailWithRetries_DecidesExactlyWhatWasRecorded_InEveryEpisode()
    {
        var agent = new ScriptedDeliveryAgent()
            .On("flaky.test", (attempt, _) => attempt < 3 ? ScriptedDeliveryAgent.Deferred : ScriptedDeliveryAgent.Delivered)
            .On("gone.test", (_, _) => ScriptedDeliveryAgent.Rejected);
        await using var engine = await AzuriteTaskHubEngine.StartAsync(agent, o => o.Retry.JitterFactor = 0.5);

        var id = await engine.Mailstrom.SendAsync(DurableTestEngine.Email("a@flaky.test", "b@ok.test", "c@flaky.test", "d@gone.test"));
        await engine.WaitUntilTerminalAsync(id, Within);

        var episodes = await ReplayEveryEpisodeAsync(engine, id);
        Assert.True(episodes >= 4, $"only {episodes} episodes were replayed");
    }

    [Fact]
    public async Task Replay_OfAnEmailSplitIntoPages_DecidesExactlyWhatWasRecorded_ForTheRootAndEachPage()
    {
        var agent = new ScriptedDeliveryAgent().On("flaky.test", (attempt, _) => attempt < 2 ? ScriptedDeliveryAgent.Deferred : ScriptedDeliveryAgent.Delivered);
        await using var engine = await AzuriteTaskHubEngine.StartAsync(agent);
        var to = Enumerable.Range(0, RecipientPages.Size + 5).Select(i => i % 4 == 0 ? $"r{i}@flaky.test" : $"r{i}@ok.test").ToArray();

        var id = await engine.Mailstrom.SendAsync(DurableTestEngine.Email(to));
        await engine.WaitUntilTerminalAsync(id, Within);

        await ReplayEveryEpisodeAsync(engine, id);
        await ReplayEveryEpisodeAsync(engine, RecipientPages.InstanceId(id, 0));
        await ReplayEveryEpisodeAsync(engine, RecipientPages.InstanceId(id, 1));
    }

    private static async Task<int> ReplayEveryEpisodeAsync(AzuriteTaskHubEngine engine, string instanceId)
    {
        var history = HistoryEvents.Parse(await engine.TaskHubService.Service!.GetOrchestrationHistoryAsync(instanceId, null));
        var starts = history.Select((e, i) => (e, i)).Where(x => x.e is OrchestratorStartedEvent).Select(x => x.i).ToList();
        Assert.True(starts.Count > 0, $"{instanceId} has no recorded episodes");
        for (var episode = 0; episode < starts.Count; episode++)
        {
            var start = starts[episode];
            var end = episode + 1 < starts.Count ? starts[episode + 1] : history.Count;
            var events = history.Skip(start).Take(end - start).ToList();
            var recorded = Describe(events.Where(e => !IsIncoming(e)));

            var decided = Describe(Replay(history.Take(start), events.Where(IsIncoming)));
            var again = Describe(Replay(history.Take(start), events.Where(IsIncoming)));

            Assert.Equal(recorded, decided);
            Assert.Equal(decided, again);
        }

        return starts.Count;
    }

    private static IEnumerable<OrchestratorAction> Replay(IEnumerable<HistoryEvent> past, IEnumerable<HistoryEvent> incoming)
    {
        var state = new OrchestrationRuntimeState([.. past.Select(HistoryEvents.Fresh)]);
        foreach (var e in incoming)
        {
            state.AddEvent(HistoryEvents.Fresh(e));
        }

        var shim = DurableTaskShimFactory.Default.CreateOrchestration(new TaskName(DurableTaskNames.SendEmail), new SendEmailOrchestrator());
        var executor = new TaskOrchestrationExecutor(state, shim, BehaviorOnContinueAsNew.Carryover, ErrorPropagationMode.UseFailureDetails);
        return executor.Execute().Actions;
    }

    /// <summary>Events that reach the orchestrator (the others record what it decided).</summary>
    private static bool IsIncoming(HistoryEvent e) => e is not (TaskScheduledEvent or TimerCreatedEvent or SubOrchestrationInstanceCreatedEvent
        or ExecutionCompletedEvent or OrchestratorCompletedEvent or EventSentEvent);

    private static List<string> Describe(IEnumerable<HistoryEvent> decisions) => [.. decisions
        .Where(e => e is not OrchestratorCompletedEvent)
        .Select(e => e switch
        {
            TaskScheduledEvent t => $"{t.EventId} task {t.Name} {t.Input}",
            TimerCreatedEvent t => $"{t.EventId} timer {t.FireAt:O}",
            SubOrchestrationInstanceCreatedEvent c => $"{c.EventId} child {c.Name} {c.InstanceId} {c.Input}",
            ExecutionCompletedEvent c => $"complete {c.OrchestrationStatus} {c.Result}",
            _ => $"{e.EventId} {e.EventType}",
        })];

    private static List<string> Describe(IEnumerable<OrchestratorAction> actions) => [.. actions
        .Select(a => a switch
        {
            ScheduleTaskOrchestratorAction t => $"{t.Id} task {t.Name} {t.Input}",
            CreateTimerOrchestratorAction t => $"{t.Id} timer {t.FireAt:O}",
            CreateSubOrchestrationAction c => $"{c.Id} child {c.Name} {c.InstanceId} {c.Input}",
            OrchestrationCompleteOrchestratorAction c => $"complete {c.OrchestrationStatus} {c.Result}",
            _ => $"{a.Id} {a.OrchestratorActionType}",
        })];

    /// <summary>Reads the history the Azure Storage task hub returns (JSON without type names) into its event types.</summary>
    private static class HistoryEvents
    {
        private static readonly Dictionary<EventType, Type> Types = new()
        {
            [EventType.ExecutionStarted] = typeof(ExecutionStartedEvent),
            [EventType.ExecutionCompleted] = typeof(ExecutionCompletedEvent),
            [EventType.ExecutionTerminated] = typeof(ExecutionTerminatedEvent),
            [EventType.TaskScheduled] = typeof(TaskScheduledEvent),
            [EventType.TaskCompleted] = typeof(TaskCompletedEvent),
            [EventType.TaskFailed] = typeof(TaskFailedEvent),
            [EventType.SubOrchestrationInstanceCreated] = typeof(SubOrchestrationInstanceCreatedEvent),
            [EventType.SubOrchestrationInstanceCompleted] = typeof(SubOrchestrationInstanceCompletedEvent),
            [EventType.SubOrchestrationInstanceFailed] = typeof(SubOrchestrationInstanceFailedEvent),
            [EventType.TimerCreated] = typeof(TimerCreatedEvent),
            [EventType.TimerFired] = typeof(TimerFiredEvent),
            [EventType.OrchestratorStarted] = typeof(OrchestratorStartedEvent),
            [EventType.OrchestratorCompleted] = typeof(OrchestratorCompletedEvent),
            [EventType.EventRaised] = typeof(EventRaisedEvent),
            [EventType.EventSent] = typeof(EventSentEvent),
        };

        public static List<HistoryEvent> Parse(string json) => [.. JArray.Parse(json).Cast<JObject>().Select(e =>
        {
            var type = (EventType)e["EventType"]!.Value<int>();
            return (HistoryEvent)e.ToObject(Types.TryGetValue(type, out var t) ? t : throw new InvalidOperationException($"unexpected {type} in the history"))!;
        })];

        /// <summary>The event as it arrives for replay: not yet marked as played.</summary>
        public static HistoryEvent Fresh(HistoryEvent e)
        {
            e.IsPlayed = false;
            return e;
        }
    }
}
