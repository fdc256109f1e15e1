using Mailstrom.Delivery;
using Mailstrom.Delivery.Concurrency;
using Mailstrom.Durable.Activities;
using Mailstrom.Testing.Delivery;
using Mailstrom.Testing.Durable;

namespace Mailstrom.Durable.Tests.Activities;

public sealed class RecipientDeliveryTests
{
    private static DeliverInput Input(string emailId, string address) =>
        new(emailId, "sender@example.org", "held.test", [new BatchRecipient(address, false)]);

    [Fact]
    public async Task Deliver_TwoAttemptsOnOneDomain_WithOnePerDomain_RunOneAfterTheOther()
    {
        var agent = new ScriptedDeliveryAgent().Hold("held.test");
        var content = new MemoryContentStore();
        await content.PutAsync("e1", "message"u8.ToArray(), null, CancellationToken.None);
        await content.PutAsync("e2", "message"u8.ToArray(), null, CancellationToken.None);
        using var slots = new DeliverySlots(total: 10, perDomain: 1);
        var delivery = new RecipientDelivery(agent, content, slots);

        var first = delivery.DeliverAsync(Input("e1", "a@held.test"), CancellationToken.None);
        var second = delivery.DeliverAsync(Input("e2", "b@held.test"), CancellationToken.None);
        var callsWhileHeld = agent.Calls.Count;
        agent.Release("held.test");
        var outcomes = await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, callsWhileHeld);
        Assert.Equal(2, agent.Calls.Count);
        Assert.All(outcomes, o => Assert.Equal(AttemptOutcomeKind.Delivered, Assert.Single(o).Kind));
        Assert.Equal(10, slots.FreeCount);
    }

    [Fact]
    public async Task Deliver_WithoutStoredContent_IsATemporaryFailureForEveryRecipient_WithoutAnAttempt()
    {
        var agent = new ScriptedDeliveryAgent();
        using var slots = new DeliverySlots(total: 10, perDomain: 1);
        var delivery = new RecipientDelivery(agent, new MemoryContentStore(), slots);

        var outcomes = await delivery.DeliverAsync(
            new DeliverInput("missing", "sender@example.org", "a.test", [new BatchRecipient("a@a.test", false), new BatchRecipient("b@a.test", false)]),
            CancellationToken.None);

        Assert.Equal(2, outcomes.Length);
        Assert.All(outcomes, o => Assert.Equal(AttemptOutcomeKind.Transient, o.Kind));
        Assert.All(outcomes, o => Assert.Equal("4.3.0", o.EnhancedStatusCode));
        Assert.Empty(agent.Calls);
    }
}
