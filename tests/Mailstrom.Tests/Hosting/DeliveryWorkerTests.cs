using Mailstrom.Delivery;
using Mailstrom.Model;
using Mailstrom.Storage;

namespace Mailstrom.Tests.Hosting;

public sealed class DeliveryWorkerTests
{
    [Fact]
    public async Task Worker_DeliversQueuedRecipients_AndCompletesTheEmail()
    {
        var agent = new ControllableAgent(holdBatches: false);
        await using var host = new WorkerHost(agent);
        await host.StartAsync();

        var id = await host.SendAsync("a@one.example", "b@one.example", "c@two.example");
        var status = await host.WaitForAsync(id, s => s.RuntimeStatus == RuntimeStatus.Completed);

        Assert.All(status.Recipients, r => Assert.Equal(DeliveryStatus.Delivered, r.Status));
        Assert.Equal(new EmailOutput(3, 0, 0), status.Output);
        Assert.Equal(2, agent.Calls); // one transaction per domain
        await host.Host.StopAsync();
    }

    [Theory]
    [InlineData(50, 1)]
    [InlineData(4, 3)]
    public async Task Worker_WithOneFreeSlot_SendsAnEmailsRecipientsOnADomainInOneTransactionUpToTheLimit(int perTransaction, int transactions)
    {
        var agent = new ControllableAgent(holdBatches: false);
        await using var host = new WorkerHost(agent, o =>
        {
            o.Delivery.MaxConcurrency = 1;
            o.Delivery.MaxConcurrencyPerDomain = 1;
            o.Delivery.MaxRecipientsPerTransaction = perTransaction;
        });
        await host.StartAsync();

        var id = await host.SendAsync(Enumerable.Range(0, 10).Select(i => $"user{i}@one.example").ToArray());
        var status = await host.WaitForAsync(id, s => s.RuntimeStatus == RuntimeStatus.Completed);

        Assert.All(status.Recipients, r => Assert.Equal(DeliveryStatus.Delivered, r.Status));
        Assert.Equal(transactions, agent.Calls);
        await host.Host.StopAsync();
    }

    [Fact]
    public async Task Worker_WhenAttemptIsTemporary_DefersWithNextAttemptFromThePolicy()
    {
        var agent = new ControllableAgent(false, _ => new AttemptOutcome(AttemptOutcomeKind.Transient, 451, "4.3.0", "Later", "mx.test"));
        await using var host = new WorkerHost(agent, o => o.Retry.JitterFactor = 0);
        await host.StartAsync();

        var id = await host.SendAsync("a@one.example");
        var status = await host.WaitForAsync(id, s => s.Recipients[0].Attempts == 1);

        var recipient = status.Recipients[0];
        Assert.Equal(DeliveryStatus.Deferred, recipient.Status);
        Assert.Equal(RuntimeStatus.Running, status.RuntimeStatus);
        Assert.Equal(recipient.LastAttemptTime + TimeSpan.FromMinutes(5), recipient.NextAttemptTime);
        Assert.Equal(1, agent.Calls);
        await host.Host.StopAsync();
    }

    [Fact]
    public async Task Worker_NeverExceedsConcurrencyPerDomain()
    {
        var agent = new ControllableAgent(holdBatches: true);
        await using var host = new WorkerHost(agent, o =>
        {
            o.Delivery.MaxConcurrency = 6;
            o.Delivery.MaxConcurrencyPerDomain = 2;
        });
        await host.StartAsync();

        var ids = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            ids.Add(await host.SendAsync($"user{i}@busy.example"));
        }

        ids.Add(await host.SendAsync("user@quiet.example"));
        await agent.WaitForInFlightAsync(3);
        agent.ReleaseAll();
        foreach (var id in ids)
        {
            await host.WaitForAsync(id, s => s.RuntimeStatus == RuntimeStatus.Completed);
        }

        Assert.Equal(2, agent.MaxInFlightFor("busy.example"));
        Assert.Equal(1, agent.MaxInFlightFor("quiet.example"));
        Assert.Equal(7, agent.Calls);
        await host.Host.StopAsync();
    }

    [Fact]
    public async Task Worker_WhileEveryDueDomainIsSaturated_WaitsForABatchInsteadOfClaimingAgain()
    {
        var agent = new ControllableAgent(holdBatches: true);
        var queue = new CountingQueue();
        await using var host = new WorkerHost(agent, o =>
        {
            o.Delivery.MaxConcurrencyPerDomain = 1;
            o.Delivery.PollInterval = TimeSpan.FromSeconds(10);
        }, countClaims: queue);
        await host.StartAsync();
        var first = await host.SendAsync("one@busy.example");
        var second = await host.SendAsync("two@busy.example");
        await agent.WaitForInFlightAsync(1);

        var before = queue.Claims;
        await Task.Delay(TimeSpan.FromMilliseconds(500));
        var during = queue.Claims - before;
        agent.ReleaseAll();
        await host.WaitForAsync(first, s => s.RuntimeStatus == RuntimeStatus.Completed);
        await host.WaitForAsync(second, s => s.RuntimeStatus == RuntimeStatus.Completed);

        // Without waiting, the claim loop would claim (and find nothing it may start) thousands of times a second.
        Assert.InRange(during, 0, 3);
        Assert.Equal(1, agent.MaxInFlightFor("busy.example"));
        await host.Host.StopAsync();
    }

    [Fact]
    public async Task Worker_NeverExceedsTotalConcurrency()
    {
        var agent = new ControllableAgent(holdBatches: true);
        await using var host = new WorkerHost(agent, o =>
        {
            o.Delivery.MaxConcurrency = 3;
            o.Delivery.MaxConcurrencyPerDomain = 3;
        });
        await host.StartAsync();

        var ids = new List<string>();
        for (var i = 0; i < 8; i++)
        {
            ids.Add(await host.SendAsync($"user@d{i}.example"));
        }

        await agent.WaitForInFlightAsync(3);
        agent.ReleaseAll();
        foreach (var id in ids)
        {
            await host.WaitForAsync(id, s => s.RuntimeStatus == RuntimeStatus.Completed);
        }

        Assert.Equal(3, agent.MaxInFlight);
        await host.Host.StopAsync();
    }

    [Fact]
    public async Task Stop_WhenAttemptOutlastsGracePeriod_CancelsItAndReleasesTheLease()
    {
        var agent = new ControllableAgent(holdBatches: true);
        await using var host = new WorkerHost(agent, o => o.Delivery.ShutdownGracePeriod = TimeSpan.FromMilliseconds(100));
        await host.StartAsync();
        var id = await host.SendAsync("a@one.example");
        await agent.WaitForInFlightAsync(1);

        await host.Host.StopAsync();

        Assert.Equal(1, agent.Cancelled);
        var status = await host.Mailstrom.GetStatusAsync(id);
        Assert.Equal(DeliveryStatus.Queued, status!.Recipients[0].Status);
        Assert.Equal(0, status.Recipients[0].Attempts);
        var reclaimed = await host.Queue.ClaimDueAsync(new ClaimRequest("next-worker", DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1), 10), CancellationToken.None);
        Assert.Equal(id, Assert.Single(reclaimed).EmailId);
    }

    [Fact]
    public async Task Stop_WhenAttemptFinishesWithinGracePeriod_RecordsItsResult()
    {
        var agent = new ControllableAgent(holdBatches: true);
        await using var host = new WorkerHost(agent, o => o.Delivery.ShutdownGracePeriod = TimeSpan.FromSeconds(20));
        await host.StartAsync();
        var id = await host.SendAsync("a@one.example");
        await agent.WaitForInFlightAsync(1);

        var stopping = host.Host.StopAsync();
        agent.ReleaseAll();
        await stopping.WaitAsync(TimeSpan.FromSeconds(20));

        Assert.Equal(0, agent.Cancelled);
        var status = await host.Mailstrom.GetStatusAsync(id);
        Assert.Equal(DeliveryStatus.Delivered, status!.Recipients[0].Status);
    }

    [Fact]
    public async Task Terminate_WhileAttemptInFlight_KeepsRecipientCancelled()
    {
        var agent = new ControllableAgent(holdBatches: true);
        await using var host = new WorkerHost(agent);
        await host.StartAsync();
        var id = await host.SendAsync("a@one.example");
        await agent.WaitForInFlightAsync(1);

        Assert.Equal(TerminateResult.Terminated, await host.Mailstrom.TerminateAsync(id, "changed my mind"));
        agent.ReleaseAll();
        await host.Host.StopAsync();

        var status = await host.Mailstrom.GetStatusAsync(id);
        Assert.Equal(RuntimeStatus.Terminated, status!.RuntimeStatus);
        Assert.Equal(DeliveryStatus.Cancelled, status.Recipients[0].Status);
        Assert.Equal("changed my mind", status.TerminationReason);
    }

    [Fact]
    public async Task Worker_WhenDisabled_LeavesEmailPending()
    {
        var agent = new ControllableAgent(holdBatches: false);
        await using var host = new WorkerHost(agent, o => o.Delivery.EnableWorker = false);
        await host.StartAsync();

        var id = await host.SendAsync("a@one.example");
        await host.Host.StopAsync();

        Assert.Equal(0, agent.Calls);
        Assert.Equal(RuntimeStatus.Pending, (await host.Mailstrom.GetStatusAsync(id))!.RuntimeStatus);
    }
}
