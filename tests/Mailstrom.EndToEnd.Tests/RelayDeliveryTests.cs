using Mailstrom.Testing.Rig;
using System.Globalization;
using Mailstrom.EndToEnd.Tests.Infrastructure;

namespace Mailstrom.EndToEnd.Tests;

/// <summary>Relay mode: everything goes through one smarthost, the rig's Postfix submission service, with AUTH over STARTTLS.</summary>
[RigTest]
public sealed class RelayDeliveryTests
{
    [Theory]
    [InlineData(Engine.Native)]
    [InlineData(Engine.Durable)]
    public async Task Send_InRelayMode_DeliversThroughTheSmarthostWithAuthOverStartTls(Engine engine)
    {
        var rig = MailstromLab.Rig;
        await using var lab = MailstromLab.Create(engine, settings: new Dictionary<string, string?>
        {
            ["Mailstrom:Delivery:Mode"] = "Relay",
            ["Mailstrom:Delivery:Relay:Host"] = rig.RelayHost,
            ["Mailstrom:Delivery:Relay:Port"] = rig.RelayPort.ToString(CultureInfo.InvariantCulture),
            ["Mailstrom:Delivery:Relay:Tls"] = "StartTls",
            ["Mailstrom:Delivery:Relay:Username"] = rig.RelayUser,
            ["Mailstrom:Delivery:Relay:Password"] = rig.RelayPassword,
        });
        using var client = lab.CreateLabClient();
        var to = $"relayed-{Guid.NewGuid():N}";

        var id = await client.SendAsync(new
        {
            from = "sender@client.mailstrom.test",
            to = new[] { $"{to}@{rig.PostfixDomain}" },
            subject = "Through the relay",
            text = "Relayed.",
        });
        var status = await client.WaitForCompletionAsync(id);

        var recipient = Assert.Single(status.CustomStatus.Recipients);
        Assert.Equal("Delivered", recipient.Status);
        Assert.Equal(250, recipient.SmtpCode);
        Assert.Equal(rig.RelayHost, recipient.MxHost);
        Assert.StartsWith("TLS", recipient.Tls, StringComparison.Ordinal);
        await PostfixMailbox.WaitForMessageAsync(to, status.Input.MessageId);
    }

    [Theory]
    [InlineData(Engine.Native)]
    [InlineData(Engine.Durable)]
    public async Task Send_InRelayMode_WithWrongPassword_DefersWithTheRefusalAndNoSecret(Engine engine)
    {
        var rig = MailstromLab.Rig;
        await using var lab = MailstromLab.Create(engine, settings: new Dictionary<string, string?>
        {
            ["Mailstrom:Delivery:Mode"] = "Relay",
            ["Mailstrom:Delivery:Relay:Host"] = rig.RelayHost,
            ["Mailstrom:Delivery:Relay:Port"] = rig.RelayPort.ToString(CultureInfo.InvariantCulture),
            ["Mailstrom:Delivery:Relay:Username"] = rig.RelayUser,
            ["Mailstrom:Delivery:Relay:Password"] = "not-the-password",
        });
        using var client = lab.CreateLabClient();

        var id = await client.SendAsync(new
        {
            from = "sender@client.mailstrom.test",
            to = new[] { $"nobody@{rig.PostfixDomain}" },
            subject = "Wrong password",
            text = "Should not be relayed.",
        });
        var status = await client.WaitForAsync(id, s => s.CustomStatus.Recipients[0].Attempts >= 1);

        var recipient = status.CustomStatus.Recipients[0];
        Assert.Equal("Deferred", recipient.Status);
        Assert.Equal("4.7.8", recipient.EnhancedStatusCode);
        Assert.Contains("authentication failed", recipient.Response, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("not-the-password", recipient.Response, StringComparison.Ordinal);
    }
}
