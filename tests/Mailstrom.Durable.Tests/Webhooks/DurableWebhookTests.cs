using Mailstrom.Durable.Tests.Infrastructure;
using Mailstrom.Durable.Webhooks;
using Mailstrom.Model;
using Mailstrom.Testing.Delivery;
using Mailstrom.Testing.Webhooks;
using Mailstrom.Webhooks;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Mailstrom.Durable.Tests.Webhooks;

/// <summary>The Durable engine's webhooks on Durable Task's in-process test host, posting to a real receiver on loopback.</summary>
public sealed class DurableWebhookTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(60);

    private static Task<DurableTestEngine> StartAsync(ScriptedDeliveryAgent agent, WebhookReceiver receiver) =>
        DurableTestEngine.StartAsync(WebhookSettings.To(receiver), services => services.AddSingleton<Mailstrom.Delivery.IDeliveryAgent>(agent), agent);

    [Fact]
    public async Task Send_DeferredThenDelivered_PostsEveryChangeOnce_WithIdsDerivedFromTheChange()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var agent = new ScriptedDeliveryAgent().On("a.test", (attempt, _) => attempt == 1 ? ScriptedDeliveryAgent.Deferred : ScriptedDeliveryAgent.Delivered);
        await using var engine = await StartAsync(agent, receiver);

        var id = await engine.Mailstrom.SendAsync(DurableTestEngine.Email("rcpt@a.test"));
        await engine.WaitUntilTerminalAsync(id, Within);
        var received = await receiver.WaitForAcceptedAsync(3, Within);

        Assert.Equal([$"evt_{id}_completed", $"evt_{id}_r0_a1_deferred", $"evt_{id}_r0_a2_delivered"], received.Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.All(received, r => r.VerifyWithStandardWebhooks(WebhookSettings.Secret));
        Assert.All(received, r => Assert.DoesNotContain("Durable", r.Body, StringComparison.Ordinal));
        var deferred = received.Single(r => r.Type == WebhookEventTypes.RecipientDeferred);
        Assert.Equal("rcpt@a.test", deferred.DataString("recipient"));
        Assert.NotNull(deferred.DataString("nextAttemptTime"));
        Assert.Equal(1, received.Single(r => r.Type == WebhookEventTypes.EmailCompleted).Data.GetProperty("delivered").GetInt32());
    }

    [Fact]
    public async Task Send_ReceiverDown_EmailCompletesAnyway_AndEveryEventArrivesOnceTheReceiverIsBack()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await receiver.StopAsync();
        await using var engine = await StartAsync(new ScriptedDeliveryAgent(), receiver);

        var id = await engine.Mailstrom.SendAsync(DurableTestEngine.Email("one@a.test", "two@b.test"));
        var status = await engine.WaitUntilTerminalAsync(id, Within);
        Assert.Equal(RuntimeStatus.Completed, status.RuntimeStatus);
        await receiver.StartAsync();
        var received = await receiver.WaitForAcceptedAsync(3, Within);

        Assert.Equal([$"evt_{id}_completed", $"evt_{id}_r0_a1_delivered", $"evt_{id}_r1_a1_delivered"], received.Select(r => r.Id).Order(StringComparer.Ordinal));
        var retries = await RetryInstancesAsync(engine.Client, id);
        Assert.NotEmpty(retries);
        Assert.All(retries, r => Assert.Equal(DurableTaskNames.WebhookRetries, r.Name));
    }

    [Fact]
    public async Task Send_Receiver500Then429_IsRetriedOnDurableTimers_UntilTaken()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        receiver.Answer(500, 429);
        await using var engine = await StartAsync(new ScriptedDeliveryAgent(), receiver);

        var id = await engine.Mailstrom.SendAsync(DurableTestEngine.Email("one@a.test"));
        await engine.WaitUntilTerminalAsync(id, Within);
        await receiver.WaitForAcceptedAsync(2, Within);

        Assert.Equal(2, receiver.Received.Count(r => r.AnsweredStatus != 200));
        var byId = receiver.Received.GroupBy(r => r.Id).ToDictionary(g => g.Key!, g => g.ToList());
        Assert.All(byId.Values, tries => Assert.Equal(200, tries[^1].AnsweredStatus));
        Assert.All(byId.Values, tries => Assert.Single(tries, t => t.AnsweredStatus == 200));
        Assert.All(byId.Values, tries => Assert.Equal(2, tries.Count));
        Assert.All(byId.Values, tries => Assert.InRange(tries[1].ReceivedAt - tries[0].ReceivedAt, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(30)));
    }

    [Fact]
    public async Task Terminate_PostsCancelledAndTerminated_AndTerminatingAgainStartsNothingNew()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        var agent = new ScriptedDeliveryAgent().Hold("held.test");
        await using var engine = await StartAsync(agent, receiver);
        var id = await engine.Mailstrom.SendAsync(DurableTestEngine.Email("one@held.test", "two@held.test"));

        Assert.Equal(TerminateResult.Terminated, await engine.Mailstrom.TerminateAsync(id, "no longer needed"));
        var received = await receiver.WaitForAcceptedAsync(3, Within);
        Assert.Equal(TerminateResult.AlreadyTerminal, await engine.Mailstrom.TerminateAsync(id, "again"));
        agent.Release("held.test");

        Assert.Equal([$"evt_{id}_r0_a0_cancelled", $"evt_{id}_r1_a0_cancelled", $"evt_{id}_terminated"], received.Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.Equal("no longer needed", received.Single(r => r.Type == WebhookEventTypes.EmailTerminated).DataString("reason"));
        var retries = Assert.Single(await RetryInstancesAsync(engine.Client, id));
        using (var wait = new CancellationTokenSource(Within))
        {
            await engine.Client.WaitForInstanceCompletionAsync(retries.InstanceId, getInputsAndOutputs: false, wait.Token);
        }

        Assert.True(await engine.Mailstrom.PurgeAsync(id));
        Assert.Empty(await RetryInstancesAsync(engine.Client, id));
    }

    [Fact]
    public void InstanceId_DependsOnEmailEndpointAndEvents_AndListsNoEmail()
    {
        var id = WebhookNotifier.InstanceId("e1", "hooks", ["a", "b"]);

        Assert.Equal(id, WebhookNotifier.InstanceId("e1", "HOOKS", ["a", "b"]));
        Assert.NotEqual(id, WebhookNotifier.InstanceId("e1", "hooks", ["a"]));
        Assert.NotEqual(id, WebhookNotifier.InstanceId("e1", "other", ["a", "b"]));
        Assert.StartsWith("e1:", id, StringComparison.Ordinal);
        Assert.True(Mailstrom.Durable.Orchestrations.RecipientPages.IsPage(id));
    }

    private static async Task<List<OrchestrationMetadata>> RetryInstancesAsync(DurableTaskClient client, string emailId)
    {
        var found = new List<OrchestrationMetadata>();
        await foreach (var instance in client.GetAllInstancesAsync(new OrchestrationQuery { InstanceIdPrefix = emailId + ":wh" }))
        {
            found.Add(instance);
        }

        return found;
    }
}
