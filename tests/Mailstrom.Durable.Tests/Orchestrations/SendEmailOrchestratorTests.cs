using Mailstrom.Testing.Rig;
using Mailstrom.Durable.Orchestrations;
using Mailstrom.Durable.Tests.Infrastructure;
using Mailstrom.Model;
using Mailstrom.Testing.Delivery;
using Mailstrom.Testing.Processes;

namespace Mailstrom.Durable.Tests.Orchestrations;

public sealed class SendEmailOrchestratorTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task FanOut_RecipientsOnThreeDomains_OneActivityPerDomain_AllDelivered()
    {
        var agent = new ScriptedDeliveryAgent();
        await using var engine = await DurableTestEngine.StartAsync(agent);

        var id = await engine.Mailstrom.SendAsync(DurableTestEngine.Email("a1@a.test", "b1@b.test", "a2@a.test", "c1@c.test"));
        var status = await engine.WaitUntilTerminalAsync(id, Within);

        Assert.Equal(RuntimeStatus.Completed, status.RuntimeStatus);
        Assert.Equal(["a1@a.test", "b1@b.test", "a2@a.test", "c1@c.test"], status.Recipients.Select(r => r.Address));
        Assert.All(status.Recipients, r => Assert.Equal(DeliveryStatus.Delivered, r.Status));
        Assert.All(status.Recipients, r => Assert.Equal(1, r.Attempts));
        Assert.All(status.Recipients, r => Assert.Equal("250 2.0.0 Ok: queued", r.Response));
        var calls = agent.Calls.OrderBy(c => c.Domain, StringComparer.Ordinal).ToList();
        Assert.Equal(["a.test", "b.test", "c.test"], calls.Select(c => c.Domain));
        Assert.Equal(["a1@a.test", "a2@a.test"], calls[0].Recipients);
        Assert.Equal(new EmailOutput(4, 0, 0), status.Output);
    }

    [Fact]
    public async Task Deferred_WaitsOnADurableTimer_ThenDeliveredOnTheNextAttempt()
    {
        var agent = new ScriptedDeliveryAgent().On("slow.test", (attempt, _) =>
            attempt == 1 ? ScriptedDeliveryAgent.Deferred : ScriptedDeliveryAgent.Delivered);
        await using var engine = await DurableTestEngine.StartAsync(agent, o => o.Retry.InitialDelay = TimeSpan.FromSeconds(2));

        var id = await engine.Mailstrom.SendAsync(DurableTestEngine.Email("r@slow.test", "r@fast.test"));
        var status = await engine.WaitUntilTerminalAsync(id, Within);

        var slow = status.Recipients[0];
        Assert.Equal(DeliveryStatus.Delivered, slow.Status);
        Assert.Equal(2, slow.Attempts);
        Assert.Null(slow.NextAttemptTime);
        var attempts = agent.Calls.Where(c => c.Domain == "slow.test").OrderBy(c => c.Attempt).ToList();
        Assert.Equal(2, attempts.Count);
        Assert.True(attempts[1].At - attempts[0].At >= TimeSpan.FromSeconds(1.9),
            $"the second attempt came {attempts[1].At - attempts[0].At} after the first; the timer was 2 s");
        Assert.Equal(1, status.Recipients[1].Attempts);
    }

    [Fact]
    public async Task TemporaryFailures_UntilMaxAttempts_FailWithTheLastReply()
    {
        var agent = new ScriptedDeliveryAgent().On("down.test", (_, _) => ScriptedDeliveryAgent.Deferred);
        await using var engine = await DurableTestEngine.StartAsync(agent, o => o.Retry.MaxAttempts = 3);

        var id = await engine.Mailstrom.SendAsync(DurableTestEngine.Email("r@down.test"));
        var status = await engine.WaitUntilTerminalAsync(id, Within);

        var recipient = Assert.Single(status.Recipients);
        Assert.Equal(DeliveryStatus.Failed, recipient.Status);
        Assert.Equal(3, recipient.Attempts);
        Assert.Equal(451, recipient.SmtpCode);
        Assert.StartsWith("451 4.3.0 Try again later", recipient.Response, StringComparison.Ordinal);
        Assert.Contains("MaxAttempts", recipient.Response, StringComparison.Ordinal);
        Assert.Equal(RuntimeStatus.Completed, status.RuntimeStatus);
    }

    [Fact]
    public async Task PermanentFailure_FailsAtOnce_WithoutRetry()
    {
        var agent = new ScriptedDeliveryAgent().On("b.test", (_, _) => ScriptedDeliveryAgent.Rejected);
        await using var engine = await DurableTestEngine.StartAsync(agent);

        var id = await engine.Mailstrom.SendAsync(DurableTestEngine.Email("nobody@b.test"));
        var status = await engine.WaitUntilTerminalAsync(id, Within);

        var recipient = Assert.Single(status.Recipients);
        Assert.Equal(DeliveryStatus.Failed, recipient.Status);
        Assert.Equal("5.1.1", recipient.EnhancedStatusCode);
        Assert.Single(agent.Calls);
    }

    [Fact]
    public async Task CustomStatus_ReadWhileRunning_ShowsEachRecipientsState()
    {
        var agent = new ScriptedDeliveryAgent().Hold("held.test");
        await using var engine = await DurableTestEngine.StartAsync(agent);

        var id = await engine.Mailstrom.SendAsync(DurableTestEngine.Email("r@done.test", "r@held.test"));
        EmailProgress? progress = null;
        await Polling.UntilAsync(
            async () => (progress = (await engine.Client.GetInstanceAsync(id, getInputsAndOutputs: true))?.ReadCustomStatusAs<EmailProgress>()) is { Delivered: 1 },
            Within,
            "the custom status to show the first domain delivered");

        var running = await engine.Mailstrom.GetStatusAsync(id);
        agent.Release("held.test");

        Assert.Equal(1, progress!.Queued);
        Assert.Equal(RuntimeStatus.Running, running!.RuntimeStatus);
        Assert.Equal(DeliveryStatus.Delivered, running.Recipients[0].Status);
        Assert.Equal(DeliveryStatus.Queued, running.Recipients[1].Status);
        var final = await engine.WaitUntilTerminalAsync(id, Within);
        Assert.Equal(DeliveryStatus.Delivered, final.Recipients[1].Status);
    }

    [Fact]
    public async Task ThousandRecipients_RunAsPages_AndTheStatusShowsEveryRecipient_WhileRunningAndAfter()
    {
        var agent = new ScriptedDeliveryAgent()
            .Hold("held.test")
            .On("bounce.test", (_, address) => address.StartsWith('x') ? ScriptedDeliveryAgent.Rejected : ScriptedDeliveryAgent.Delivered);
        await using var engine = await DurableTestEngine.StartAsync(agent, o => o.Limits.MaxRecipients = 1000);
        var to = Enumerable.Range(0, 1000).Select(i => (i % 10) switch
        {
            0 => $"r{i}@held.test",
            1 => $"x{i}@bounce.test",
            _ => $"r{i}@domain{i % 37}.test",
        }).ToArray();

        var id = await engine.Mailstrom.SendAsync(DurableTestEngine.Email(to));
        EmailStatus? running = null;
        await Polling.UntilAsync(
            async () => (running = await engine.Mailstrom.GetStatusAsync(id))!.Recipients.Count(r => r.IsFinal) == 900,
            Within,
            "every recipient but the held ones to be final");
        agent.Release("held.test");
        var done = await engine.WaitUntilTerminalAsync(id, Within);

        Assert.Equal(RuntimeStatus.Running, running!.RuntimeStatus);
        Assert.Equal(to, running.Recipients.Select(r => r.Address));
        Assert.All(running.Recipients.Where(r => r.Address.EndsWith("@held.test", StringComparison.Ordinal)), r => Assert.False(r.IsFinal));
        Assert.Equal(to, done.Recipients.Select(r => r.Address));
        Assert.Equal(100, done.Recipients.Count(r => r.Status == DeliveryStatus.Failed && r.EnhancedStatusCode == "5.1.1"));
        Assert.Equal(900, done.Recipients.Count(r => r.Status == DeliveryStatus.Delivered));
        Assert.Equal(new EmailOutput(900, 100, 0), done.Output);
        var root = await engine.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        Assert.True(root!.SerializedCustomStatus!.Length < 1024, $"the root's custom status is {root.SerializedCustomStatus.Length} characters");
        var pages = new List<Microsoft.DurableTask.Client.OrchestrationMetadata>();
        await foreach (var page in engine.Client.GetAllInstancesAsync(new Microsoft.DurableTask.Client.OrchestrationQuery { InstanceIdPrefix = id + ":", FetchInputsAndOutputs = true }))
        {
            pages.Add(page);
        }

        Assert.Equal(RecipientPages.Count(1000), pages.Count);
        Assert.All(pages, page => Assert.True(page.SerializedCustomStatus!.Length < 16 * 1024 / 2,
            $"page {page.InstanceId}'s custom status is {page.SerializedCustomStatus.Length} characters"));
    }

    [Fact]
    public async Task Terminate_WhileDeferred_CancelsEveryRecipientNotYetFinal_AndKeepsTheReason()
    {
        var agent = new ScriptedDeliveryAgent().On("later.test", (_, _) => ScriptedDeliveryAgent.Deferred);
        await using var engine = await DurableTestEngine.StartAsync(agent, o => o.Retry.InitialDelay = o.Retry.MaxDelay = TimeSpan.FromMinutes(5));

        var id = await engine.Mailstrom.SendAsync(DurableTestEngine.Email("r@now.test", "r@later.test"));
        await Polling.UntilAsync(
            async () => (await engine.Mailstrom.GetStatusAsync(id))!.Recipients[1].Status == DeliveryStatus.Deferred,
            Within,
            "the second recipient to be deferred");
        var result = await engine.Mailstrom.TerminateAsync(id, "customer asked");
        var status = await engine.Mailstrom.GetStatusAsync(id);
        var again = await engine.Mailstrom.TerminateAsync(id, "twice");

        Assert.Equal(TerminateResult.Terminated, result);
        Assert.Equal(RuntimeStatus.Terminated, status!.RuntimeStatus);
        Assert.Equal("customer asked", status.TerminationReason);
        Assert.Equal(DeliveryStatus.Delivered, status.Recipients[0].Status);
        Assert.Equal(DeliveryStatus.Cancelled, status.Recipients[1].Status);
        Assert.Equal(1, status.Recipients[1].Attempts);
        Assert.Null(status.Recipients[1].NextAttemptTime);
        Assert.Equal(new EmailOutput(1, 0, 1), status.Output);
        Assert.Equal(TerminateResult.AlreadyTerminal, again);
        Assert.Single(agent.Calls, c => c.Domain == "later.test");
    }

    [Fact]
    public async Task Terminate_AnEmailInPages_TerminatesEveryPage_AndPurgeRemovesThemAll()
    {
        var agent = new ScriptedDeliveryAgent().On("later.test", (_, _) => ScriptedDeliveryAgent.Deferred);
        await using var engine = await DurableTestEngine.StartAsync(agent, o => o.Retry.InitialDelay = o.Retry.MaxDelay = TimeSpan.FromMinutes(5));
        var id = await engine.Mailstrom.SendAsync(DurableTestEngine.Email([.. Enumerable.Range(0, RecipientPages.Size + 5).Select(i => $"r{i}@later.test")]));
        await Polling.UntilAsync(
            async () => (await engine.Mailstrom.GetStatusAsync(id))!.Recipients.All(r => r.Status == DeliveryStatus.Deferred),
            Within,
            "every recipient to be deferred");

        Assert.Equal(TerminateResult.Terminated, await engine.Mailstrom.TerminateAsync(id, "stop"));
        var pages = new[] { RecipientPages.InstanceId(id, 0), RecipientPages.InstanceId(id, 1) };
        var pageStates = new List<Microsoft.DurableTask.Client.OrchestrationRuntimeStatus>();
        foreach (var page in pages)
        {
            using var timeout = new CancellationTokenSource(Within);
            pageStates.Add((await engine.Client.WaitForInstanceCompletionAsync(page, getInputsAndOutputs: false, timeout.Token)).RuntimeStatus);
        }

        var status = await engine.Mailstrom.GetStatusAsync(id);
        Assert.All(pageStates, s => Assert.Equal(Microsoft.DurableTask.Client.OrchestrationRuntimeStatus.Terminated, s));
        Assert.All(status!.Recipients, r => Assert.Equal(DeliveryStatus.Cancelled, r.Status));

        Assert.True(await engine.Mailstrom.PurgeAsync(id));
        Assert.Null(await engine.Client.GetInstanceAsync(pages[0]));
        Assert.Null(await engine.Client.GetInstanceAsync(pages[1]));
    }

    [RigTest]
    [Fact]
    public async Task NullMx_ThroughTheRealDeliveryCoreAndTheRigsDns_FailsAtOnceWith5110()
    {
        var rig = Mailstrom.Testing.Rig.RigEnvironment.Current;
        await using var engine = await DurableTestEngine.StartAsync(
            o =>
            {
                o.Dns.NameServers = [rig.DnsServerText];
                o.Delivery.AllowPrivateDestinations = true;
                o.Delivery.SmtpPort = rig.SmtpPort;
            },
            _ => { });

        var id = await engine.Mailstrom.SendAsync(DurableTestEngine.Email($"user@{rig.Domain("nullmx")}"));
        var status = await engine.WaitUntilTerminalAsync(id, Within);

        var recipient = Assert.Single(status.Recipients);
        Assert.Equal(DeliveryStatus.Failed, recipient.Status);
        Assert.Equal(1, recipient.Attempts);
        Assert.Equal(556, recipient.SmtpCode);
        Assert.Equal("5.1.10", recipient.EnhancedStatusCode);
        Assert.Equal(RuntimeStatus.Completed, status.RuntimeStatus);
    }
}
