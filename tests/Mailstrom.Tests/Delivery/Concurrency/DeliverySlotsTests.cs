using Mailstrom.Delivery.Concurrency;

namespace Mailstrom.Tests.Delivery.Concurrency;

public sealed class DeliverySlotsTests
{
    [Fact]
    public void TryTake_StopsAtTheDomainLimit_WhileOtherDomainsStillGetSlots()
    {
        using var slots = new DeliverySlots(total: 10, perDomain: 2);

        var a1 = slots.TryTake("a.test");
        var a2 = slots.TryTake("A.TEST");
        var a3 = slots.TryTake("a.test");
        var b1 = slots.TryTake("b.test");

        Assert.NotNull(a1);
        Assert.NotNull(a2);
        Assert.Null(a3);
        Assert.NotNull(b1);
        Assert.Equal(["a.test"], slots.SaturatedDomains());
        Assert.Equal(7, slots.FreeCount);
    }

    [Fact]
    public void TryTake_StopsAtTheTotalLimit_AndARefusalHoldsNothing()
    {
        using var slots = new DeliverySlots(total: 2, perDomain: 5);

        var a = slots.TryTake("a.test");
        var b = slots.TryTake("b.test");
        var c = slots.TryTake("c.test");

        Assert.Null(c);
        Assert.Equal(0, slots.FreeCount);
        Assert.Empty(slots.SaturatedDomains());
        a!.Dispose();
        Assert.NotNull(slots.TryTake("c.test"));
        b!.Dispose();
    }

    [Fact]
    public void Dispose_GivesBothBack_Once()
    {
        using var slots = new DeliverySlots(total: 1, perDomain: 1);
        var slot = slots.TryTake("a.test")!;

        slot.Dispose();
        slot.Dispose();

        Assert.Equal(1, slots.FreeCount);
        Assert.NotNull(slots.TryTake("a.test"));
        Assert.Null(slots.TryTake("a.test"));
    }

    [Fact]
    public async Task TakeAsync_WaitsForTheDomain_AndGetsTheSlotWhenItIsGivenBack()
    {
        using var slots = new DeliverySlots(total: 5, perDomain: 1);
        var held = slots.TryTake("a.test")!;

        var waiting = slots.TakeAsync("a.test", CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        held.Dispose();
        using var taken = await waiting.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(4, slots.FreeCount);
    }

    [Fact]
    public async Task TakeAsync_Cancelled_HoldsNothing()
    {
        using var slots = new DeliverySlots(total: 5, perDomain: 1);
        var held = slots.TryTake("a.test")!;
        using var cancel = new CancellationTokenSource();

        var waiting = slots.TakeAsync("a.test", cancel.Token);
        await cancel.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => waiting);
        held.Dispose();
        Assert.Equal(5, slots.FreeCount);
        Assert.NotNull(slots.TryTake("a.test"));
    }

    [Fact]
    public async Task WaitForFreeSlot_CompletesWhenOneIsGivenBack_WithoutTakingIt()
    {
        using var slots = new DeliverySlots(total: 1, perDomain: 1);
        var held = slots.TryTake("a.test")!;

        var waiting = slots.WaitForFreeSlotAsync(CancellationToken.None);
        Assert.False(waiting.IsCompleted);
        held.Dispose();
        await waiting.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(1, slots.FreeCount);
    }
}
