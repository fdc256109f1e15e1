using Mailstrom.Durable.Tests.Infrastructure;
using Mailstrom.Model;
using Mailstrom.Testing.Delivery;

namespace Mailstrom.Durable.Tests.Suppression;

/// <summary>The Durable engine's Deliver activity records and honours the suppression list (in memory on the in-process host).</summary>
public sealed class DurableSuppressionTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(60);

    [Fact]
    public async Task Rejected5_1_1_IsSuppressed_ThenALaterEmailFailsItAtOnce_WhileTheOtherIsDelivered()
    {
        var agent = new ScriptedDeliveryAgent().On("reject.test", (_, _) => ScriptedDeliveryAgent.Rejected);
        await using var engine = await DurableTestEngine.StartAsync(agent);

        var first = await engine.Mailstrom.SendAsync(DurableTestEngine.Email("someone@reject.test"));
        await engine.WaitUntilTerminalAsync(first, Within);
        var entry = Assert.Single(engine.Suppressions.Entries);
        Assert.Equal(("someone@reject.test", 550, "5.1.1", first), (entry.Address, entry.SmtpCode, entry.EnhancedStatusCode, entry.EmailId));

        var second = await engine.Mailstrom.SendAsync(DurableTestEngine.Email("someone@REJECT.test", "other@ok.test"));
        var status = await engine.WaitUntilTerminalAsync(second, Within);

        var refused = status.Recipients[0];
        Assert.Equal(DeliveryStatus.Failed, refused.Status);
        Assert.Equal(0, refused.Attempts);
        Assert.Null(refused.MxHost);
        Assert.Contains("suppression list", refused.Response, StringComparison.Ordinal);
        Assert.Contains(first, refused.Response, StringComparison.Ordinal);
        Assert.Equal(DeliveryStatus.Delivered, status.Recipients[1].Status);
        Assert.DoesNotContain(agent.Calls, c => c.EmailId == second && c.Domain == "reject.test");
    }

    [Fact]
    public async Task Disabled_RecordsNothing()
    {
        var agent = new ScriptedDeliveryAgent().On("reject.test", (_, _) => ScriptedDeliveryAgent.Rejected);
        await using var engine = await DurableTestEngine.StartAsync(agent, o => o.Suppression.Enabled = false);

        var id = await engine.Mailstrom.SendAsync(DurableTestEngine.Email("someone@reject.test"));
        await engine.WaitUntilTerminalAsync(id, Within);

        Assert.Empty(engine.Suppressions.Entries);
    }

    [Fact]
    public async Task ListAndRemove_ThroughIMailstrom_ReadAndEmptyTheList()
    {
        var agent = new ScriptedDeliveryAgent().On("reject.test", (_, _) => ScriptedDeliveryAgent.Rejected);
        await using var engine = await DurableTestEngine.StartAsync(agent);
        var id = await engine.Mailstrom.SendAsync(DurableTestEngine.Email("someone@reject.test"));
        await engine.WaitUntilTerminalAsync(id, Within);

        var page = await engine.Mailstrom.ListSuppressionsAsync(new Mailstrom.Suppression.SuppressionQuery());

        Assert.Equal("someone@reject.test", Assert.Single(page.Items).Address);
        Assert.True(await engine.Mailstrom.RemoveSuppressionAsync("someone@Reject.Test"));
        Assert.False(await engine.Mailstrom.RemoveSuppressionAsync("someone@reject.test"));
        Assert.Empty(engine.Suppressions.Entries);
    }
}
