using Google.Protobuf;
using Grpc.Net.Client;
using Mailstrom.Durable.Orchestrations;
using Mailstrom.Durable.Tests.Infrastructure;
using Mailstrom.Testing.Delivery;
using Microsoft.DurableTask.Worker.Grpc;
using P = Microsoft.DurableTask.Protobuf;

namespace Mailstrom.Durable.Tests.Orchestrations;

/// <summary>
/// Replay determinism: after an email has run on the task hub, its recorded history is replayed through the
/// orchestrator one episode at a time (the way a worker replays it after a restart), and every episode must decide
/// exactly what was recorded: the same activities with the same inputs, the same timers to the same instant, the same
/// child instances, the same output and custom status.
/// </summary>
public sealed class SendEmailReplayTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Replay_OfAnEmailWithRetries_DecidesExactlyWhatWasRecorded_InEveryEpisode()
    {
        var agent = new ScriptedDeliveryAgent()
            .On("flaky.test", (attempt, _) => attempt < 3 ? ScriptedDeliveryAgent.Deferred : ScriptedDeliveryAgent.Delivered)
            .On("gone.test", (_, _) => ScriptedDeliveryAgent.Rejected);
        await using var engine = await DurableTestEngine.StartAsync(agent, o => o.Retry.JitterFactor = 0.5);

        var id = await engine.Mailstrom.SendAsync(DurableTestEngine.Email("a@flaky.test", "b@ok.test", "c@flaky.test", "d@gone.test"));
        await engine.WaitUntilTerminalAsync(id, Within);

        var episodes = await ReplayEveryEpisodeAsync(engine, id);
        Assert.True(episodes >= 4, $"only {episodes} episodes were replayed");
    }

    [Fact]
    public async Task Replay_OfAnEmailSplitIntoPages_DecidesExactlyWhatWasRecorded_ForTheRootAndEachPage()
    {
        var agent = new ScriptedDeliveryAgent().On("flaky.test", (attempt, _) => attempt < 2 ? ScriptedDeliveryAgent.Deferred : ScriptedDeliveryAgent.Delivered);
        await using var engine = await DurableTestEngine.StartAsync(agent);
        var to = Enumerable.Range(0, RecipientPages.Size + 5).Select(i => i % 4 == 0 ? $"r{i}@flaky.test" : $"r{i}@ok.test").ToArray();

        var id = await engine.Mailstrom.SendAsync(DurableTestEngine.Email(to));
        await engine.WaitUntilTerminalAsync(id, Within);

        await ReplayEveryEpisodeAsync(engine, id);
        await ReplayEveryEpisodeAsync(engine, RecipientPages.InstanceId(id, 0));
        await ReplayEveryEpisodeAsync(engine, RecipientPages.InstanceId(id, 1));
    }

    private static async Task<int> ReplayEveryEpisodeAsync(DurableTestEngine engine, string instanceId)
    {
        var history = await HistoryAsync(engine.Port, instanceId);
        var starts = history.Select((e, i) => (e, i)).Where(x => x.e.EventTypeCase == P.HistoryEvent.EventTypeOneofCase.OrchestratorStarted).Select(x => x.i).ToList();
        Assert.True(starts.Count > 0, string.Join(", ", history.Select(e => $"{e.EventId}:{e.EventTypeCase}@{e.Timestamp}")));
        P.OrchestratorResponse? last = null;
        for (var episode = 0; episode < starts.Count; episode++)
        {
            var start = starts[episode];
            var end = episode + 1 < starts.Count ? starts[episode + 1] : history.Count;
            var events = history.Skip(start).Take(end - start).ToList();
            var request = new P.OrchestratorRequest { InstanceId = instanceId };
            request.PastEvents.AddRange(history.Take(start));
            request.NewEvents.AddRange(events.Where(IsIncoming));

            var response = Replay(request);
            var again = Replay(request);

            Assert.Equal(response.ToByteString(), again.ToByteString());
            Assert.Equal(Describe(events.Where(e => !IsIncoming(e))), Describe(response.Actions));
            last = response;
        }

        var instance = await engine.Client.GetInstanceAsync(instanceId, getInputsAndOutputs: true);
        Assert.Equal(instance!.SerializedCustomStatus, last!.CustomStatus);
        return starts.Count;
    }

    private static P.OrchestratorResponse Replay(P.OrchestratorRequest request) =>
        P.OrchestratorResponse.Parser.ParseFrom(Convert.FromBase64String(
            GrpcOrchestrationRunner.LoadAndRun(Convert.ToBase64String(request.ToByteArray()), new SendEmailOrchestrator())));

    private static async Task<List<P.HistoryEvent>> HistoryAsync(int port, string instanceId)
    {
        using var channel = GrpcChannel.ForAddress($"http://localhost:{port}");
        var client = new P.TaskHubSidecarService.TaskHubSidecarServiceClient(channel);
        using var call = client.StreamInstanceHistory(new P.StreamInstanceHistoryRequest { InstanceId = instanceId });
        var events = new List<P.HistoryEvent>();
        while (await call.ResponseStream.MoveNext(CancellationToken.None))
        {
            events.AddRange(call.ResponseStream.Current.Events);
        }

        return events;
    }

    /// <summary>Events that reach the orchestrator (the rest record what it decided).</summary>
    private static bool IsIncoming(P.HistoryEvent e) => e.EventTypeCase is not (
        P.HistoryEvent.EventTypeOneofCase.TaskScheduled
        or P.HistoryEvent.EventTypeOneofCase.TimerCreated
        or P.HistoryEvent.EventTypeOneofCase.SubOrchestrationInstanceCreated
        or P.HistoryEvent.EventTypeOneofCase.ExecutionCompleted
        or P.HistoryEvent.EventTypeOneofCase.OrchestratorCompleted
        or P.HistoryEvent.EventTypeOneofCase.EventSent);

    private static List<string> Describe(IEnumerable<P.HistoryEvent> decisions) => [.. decisions
        .Where(e => e.EventTypeCase != P.HistoryEvent.EventTypeOneofCase.OrchestratorCompleted)
        .Select(e => e.EventTypeCase switch
        {
            P.HistoryEvent.EventTypeOneofCase.TaskScheduled => $"{e.EventId} task {e.TaskScheduled.Name} {e.TaskScheduled.Input}",
            P.HistoryEvent.EventTypeOneofCase.TimerCreated => $"{e.EventId} timer {e.TimerCreated.FireAt}",
            P.HistoryEvent.EventTypeOneofCase.SubOrchestrationInstanceCreated =>
                $"{e.EventId} child {e.SubOrchestrationInstanceCreated.Name} {e.SubOrchestrationInstanceCreated.InstanceId} {e.SubOrchestrationInstanceCreated.Input}",
            P.HistoryEvent.EventTypeOneofCase.ExecutionCompleted => $"complete {e.ExecutionCompleted.OrchestrationStatus} {e.ExecutionCompleted.Result}",
            _ => $"{e.EventId} {e.EventTypeCase}",
        })];

    private static List<string> Describe(IEnumerable<P.OrchestratorAction> actions) => [.. actions
        .Select(a => a.OrchestratorActionTypeCase switch
        {
            P.OrchestratorAction.OrchestratorActionTypeOneofCase.ScheduleTask => $"{a.Id} task {a.ScheduleTask.Name} {a.ScheduleTask.Input}",
            P.OrchestratorAction.OrchestratorActionTypeOneofCase.CreateTimer => $"{a.Id} timer {a.CreateTimer.FireAt}",
            P.OrchestratorAction.OrchestratorActionTypeOneofCase.CreateSubOrchestration =>
                $"{a.Id} child {a.CreateSubOrchestration.Name} {a.CreateSubOrchestration.InstanceId} {a.CreateSubOrchestration.Input}",
            P.OrchestratorAction.OrchestratorActionTypeOneofCase.CompleteOrchestration =>
                $"complete {a.CompleteOrchestration.OrchestrationStatus} {a.CompleteOrchestration.Result}",
            _ => $"{a.Id} {a.OrchestratorActionTypeCase}",
        })];
}
