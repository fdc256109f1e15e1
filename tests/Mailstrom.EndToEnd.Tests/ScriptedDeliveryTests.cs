using Mailstrom.Testing.Rig;
using System.Globalization;
using Mailstrom.EndToEnd.Tests.Infrastructure;
using Mailstrom.Testing.Smtp;

namespace Mailstrom.EndToEnd.Tests;

/// <summary>
/// Behaviour real servers cannot script: a scripted SMTP server in test code, bound to the loopback address that the
/// rig's DNS gives <c>scriptedN.mailstrom.test</c>. Each test owns one such address.
/// </summary>
[RigTest]
public sealed class ScriptedDeliveryTests
{
    private static object Email(params string[] to) => new
    {
        from = "sender@client.mailstrom.test",
        to,
        subject = "Scripted",
        text = "Scripted delivery.",
    };

    [Theory]
    [InlineData(Engine.Native)]
    [InlineData(Engine.Durable)]
    public async Task Send_WhenFirstAttemptIsTempfailed_IsDeliveredOnAttemptTwo(Engine engine)
    {
        var rig = MailstromLab.Rig;
        var rcpts = 0;
        await using var server = ScriptedSmtpServer.Start(rig.ScriptedAddress(5), rig.SmtpPort, new ScriptedSmtpBehavior
        {
            RcptReply = (_, _) => Interlocked.Increment(ref rcpts) == 1 ? "451 4.7.1 Greylisted, come back later" : "250 2.1.5 Ok",
        });
        await using var lab = MailstromLab.Create(engine, initialRetryDelay: TimeSpan.FromMilliseconds(500));
        using var client = lab.CreateLabClient();

        var id = await client.SendAsync(Email($"user@{rig.ScriptedDomain(5)}"));
        var deferred = await client.WaitForAsync(id, s => s.CustomStatus.Recipients[0].Attempts >= 1);
        var status = await client.WaitForCompletionAsync(id);

        var first = deferred.CustomStatus.Recipients[0];
        Assert.True(first.Status == "Deferred" || first.Attempts >= 2, LabClient.Describe(deferred));
        var recipient = Assert.Single(status.CustomStatus.Recipients);
        Assert.Equal("Delivered", recipient.Status);
        Assert.Equal(2, recipient.Attempts);
        Assert.Equal(250, recipient.SmtpCode);
        Assert.Equal(2, Volatile.Read(ref rcpts));
        Assert.Single(server.Messages);
    }

    [Theory]
    [InlineData(Engine.Native)]
    [InlineData(Engine.Durable)]
    public async Task Send_WithMixedRecipientReplies_GivesEachRecipientItsOwnStatus(Engine engine)
    {
        var rig = MailstromLab.Rig;
        await using var server = ScriptedSmtpServer.Start(rig.ScriptedAddress(6), rig.SmtpPort, new ScriptedSmtpBehavior
        {
            RcptReply = ScriptedSmtpBehavior.ByLocalPart,
        });
        await using var lab = MailstromLab.Create(engine);
        using var client = lab.CreateLabClient();
        var domain = rig.ScriptedDomain(6);

        var id = await client.SendAsync(Email($"ok@{domain}", $"later@{domain}", $"never@{domain}"));
        var status = await client.WaitForAsync(id, s => s.CustomStatus.Recipients.All(r => r.Attempts >= 1));

        var byAddress = status.CustomStatus.Recipients.ToDictionary(r => r.Address.Split('@')[0]);
        Assert.Equal("Delivered", byAddress["ok"].Status);
        Assert.Equal(250, byAddress["ok"].SmtpCode);
        Assert.Equal("Deferred", byAddress["later"].Status);
        Assert.Equal(451, byAddress["later"].SmtpCode);
        Assert.Equal("4.2.1", byAddress["later"].EnhancedStatusCode);
        Assert.Contains("Mailbox busy", byAddress["later"].Response, StringComparison.Ordinal);
        Assert.Equal("Failed", byAddress["never"].Status);
        Assert.Equal(550, byAddress["never"].SmtpCode);
        Assert.Equal("5.1.1", byAddress["never"].EnhancedStatusCode);
        Assert.Equal("Running", status.RuntimeStatus);

        // One transaction: all three RCPTs on one connection, the message accepted for the one recipient the server took.
        Assert.Equal(1, server.ConnectionCount);
        Assert.Equal(3, server.Transcript.Count(line => line.StartsWith("C: RCPT TO:", StringComparison.OrdinalIgnoreCase)));
        Assert.Equal([$"ok@{domain}"], Assert.Single(server.Messages).Recipients);
    }

    [Theory]
    [InlineData(Engine.Native)]
    [InlineData(Engine.Durable)]
    public async Task Restart_WhileDeferred_KeepsNextAttemptTimeAndLaterDelivers(Engine engine)
    {
        var rig = MailstromLab.Rig;
        var accept = false;
        await using var server = ScriptedSmtpServer.Start(rig.ScriptedAddress(7), rig.SmtpPort, new ScriptedSmtpBehavior
        {
            RcptReply = (_, _) => Volatile.Read(ref accept) ? "250 2.1.5 Ok" : "452 4.2.2 Mailbox full",
        });
        var retryDelay = TimeSpan.FromSeconds(6);
        string id;
        string store;
        Contracts.RecipientStatusResponse beforeRestart;

        await using (var first = MailstromLab.Create(engine, initialRetryDelay: retryDelay))
        {
            using var client = first.CreateLabClient();
            id = await client.SendAsync(Email($"user@{rig.ScriptedDomain(7)}"));
            var deferred = await client.WaitForAsync(id, s => s.CustomStatus.Recipients[0].Status == "Deferred");
            beforeRestart = deferred.CustomStatus.Recipients[0];
            store = first.Store;
        }

        Volatile.Write(ref accept, true);
        await using var second = MailstromLab.Create(engine, initialRetryDelay: retryDelay, store: store);
        using var again = second.CreateLabClient();

        var afterRestart = (await again.GetStatusAsync(id)).CustomStatus.Recipients[0];
        var nextAttempt = DateTimeOffset.Parse(beforeRestart.NextAttemptTime!, CultureInfo.InvariantCulture);
        Assert.Equal("Deferred", afterRestart.Status);
        Assert.Equal(beforeRestart.NextAttemptTime, afterRestart.NextAttemptTime);
        Assert.Equal(1, afterRestart.Attempts);

        var delivered = await again.WaitForCompletionAsync(id);
        var recipient = delivered.CustomStatus.Recipients[0];
        Assert.Equal("Delivered", recipient.Status);
        Assert.Equal(2, recipient.Attempts);
        Assert.True(DateTimeOffset.Parse(recipient.LastAttemptTime!, CultureInfo.InvariantCulture) >= nextAttempt.AddSeconds(-1));
    }
}
