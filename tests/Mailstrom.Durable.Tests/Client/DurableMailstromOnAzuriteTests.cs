using Mailstrom.Testing.Rig;
using Mailstrom.Durable.Tests.Infrastructure;
using Mailstrom.Model;
using Mailstrom.Testing.Delivery;

namespace Mailstrom.Durable.Tests.Client;

/// <summary>The engine's client on the Azure Storage task hub the server runs on (the rig's Azurite).</summary>
[RigTest]
public sealed class DurableMailstromOnAzuriteTests
{
    [Fact]
    public async Task Send_SameKeyConcurrently_StartsOneInstance_AndDeliversOnce()
    {
        var agent = new ScriptedDeliveryAgent();
        await using var engine = await AzuriteTaskHubEngine.StartAsync(agent);
        var options = new SendOptions { IdempotencyKey = "azurite-burst" };

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => engine.Mailstrom.SendAsync(DurableTestEngine.Email("a@a.test"), options)));
        await engine.WaitUntilTerminalAsync(results[0].Id, TimeSpan.FromSeconds(90));

        Assert.Single(results.Select(r => r.Id).Distinct());
        Assert.Single(results, r => !r.Replayed);
        Assert.Single(agent.Calls);
        Assert.Equal(DeliveryStatus.Delivered, (await engine.Mailstrom.GetStatusAsync(results[0].Id))!.Recipients[0].Status);
    }
}
