using Mailstrom.Durable.Tests.Infrastructure;
using Mailstrom.Model;
using Mailstrom.Testing.Delivery;
using Mailstrom.Testing.Rig;
using Mailstrom.Testing.Webhooks;

namespace Mailstrom.Durable.Tests.Webhooks;

/// <summary>The Durable engine's webhooks on the Azure Storage task hub the server runs on (the rig's Azurite).</summary>
[RigTest]
public sealed class DurableWebhooksOnAzuriteTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Send_ReceiverDownThenUp_EveryEventArrives_SignedAndOnce()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await receiver.StopAsync();
        var agent = new ScriptedDeliveryAgent().On("b.test", (_, _) => ScriptedDeliveryAgent.Rejected);
        await using var engine = await AzuriteTaskHubEngine.StartAsync(agent, WebhookSettings.To(receiver));

        var id = await engine.Mailstrom.SendAsync(DurableTestEngine.Email("one@a.test", "two@b.test"));
        await engine.WaitUntilTerminalAsync(id, Within);
        Assert.Equal(RuntimeStatus.Completed, (await engine.Mailstrom.GetStatusAsync(id))!.RuntimeStatus);
        await receiver.StartAsync();
        var received = await receiver.WaitForAcceptedAsync(3, Within);

        Assert.Equal([$"evt_{id}_completed", $"evt_{id}_r0_a1_delivered", $"evt_{id}_r1_a1_failed"], received.Select(r => r.Id).Order(StringComparer.Ordinal));
        Assert.All(received, r => r.VerifyWithStandardWebhooks(WebhookSettings.Secret));
        Assert.Equal("5.1.1", received.Single(r => r.Type == "recipient.failed").DataString("enhancedStatusCode"));
        var list = await engine.Mailstrom.ListAsync(new EmailQuery());
        Assert.Equal([id], list.Items.Select(e => e.Id));
    }
}
