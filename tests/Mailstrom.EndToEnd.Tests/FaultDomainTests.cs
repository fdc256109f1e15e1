using Mailstrom.Testing.Rig;
using Mailstrom.EndToEnd.Tests.Infrastructure;

namespace Mailstrom.EndToEnd.Tests;

/// <summary>Each fault domain of the rig (Postfix smtp-sink instances and DNS records) ends in the right state.</summary>
[RigTest]
public sealed class FaultDomainTests
{
    private static async Task<Contracts.RecipientStatusResponse> SendAndWaitAsync(Engine engine, string domain, Func<Contracts.RecipientStatusResponse, bool> settled)
    {
        await using var lab = MailstromLab.Create(engine);
        using var client = lab.CreateLabClient();
        var id = await client.SendAsync(new
        {
            from = "sender@client.mailstrom.test",
            to = new[] { $"user-{Guid.NewGuid():N}@{MailstromLab.Rig.Domain(domain)}" },
            subject = "Fault",
            text = "Fault injection.",
        });
        var status = await client.WaitForAsync(id, s => settled(s.CustomStatus.Recipients[0]));
        return status.CustomStatus.Recipients[0];
    }

    private static (int Code, string Enhanced, string Text) Split(string reply)
    {
        var parts = reply.Split(' ', 3);
        return (int.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture), parts[1], parts[2]);
    }

    [Theory]
    [InlineData(Engine.Native)]
    [InlineData(Engine.Durable)]
    public async Task Send_WhenRcptIsTempfailed_DefersWithTheSinksReply(Engine engine)
    {
        var recipient = await SendAndWaitAsync(engine, "tempfail", r => r.Attempts >= 1);
        var (code, enhanced, text) = Split(MailstromLab.Rig.ReplyTempfail);

        Assert.Equal("Deferred", recipient.Status);
        Assert.Equal(code, recipient.SmtpCode);
        Assert.Equal(enhanced, recipient.EnhancedStatusCode);
        Assert.Contains(text, recipient.Response, StringComparison.Ordinal);
        Assert.NotNull(recipient.NextAttemptTime);
        Assert.True(DateTimeOffset.Parse(recipient.NextAttemptTime!, System.Globalization.CultureInfo.InvariantCulture) > DateTimeOffset.UtcNow);
    }

    [Theory]
    [InlineData(Engine.Native)]
    [InlineData(Engine.Durable)]
    public async Task Send_WhenRcptIsRejected_FailsWithTheSinksReply(Engine engine)
    {
        var recipient = await SendAndWaitAsync(engine, "reject", r => r.Attempts >= 1);
        var (code, enhanced, text) = Split(MailstromLab.Rig.ReplyReject);

        Assert.Equal("Failed", recipient.Status);
        Assert.Equal(code, recipient.SmtpCode);
        Assert.Equal(enhanced, recipient.EnhancedStatusCode);
        Assert.Contains(text, recipient.Response, StringComparison.Ordinal);
        Assert.Null(recipient.NextAttemptTime);
    }

    [Theory]
    [InlineData(Engine.Native)]
    [InlineData(Engine.Durable)]
    public async Task Send_WhenServerSays421_DefersWith421(Engine engine)
    {
        var recipient = await SendAndWaitAsync(engine, "greet421", r => r.Attempts >= 1);

        Assert.Equal("Deferred", recipient.Status);
        Assert.Equal(421, recipient.SmtpCode);
        Assert.False(string.IsNullOrEmpty(recipient.Response));
    }

    [Theory]
    [InlineData(Engine.Native)]
    [InlineData(Engine.Durable)]
    public async Task Send_WhenServerDropsAtData_Defers(Engine engine)
    {
        var recipient = await SendAndWaitAsync(engine, "dropdata", r => r.Attempts >= 1);

        Assert.Equal("Deferred", recipient.Status);
        Assert.Null(recipient.SmtpCode);
        Assert.StartsWith("4.", recipient.EnhancedStatusCode, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(recipient.Response));
    }

    [Theory]
    [InlineData(Engine.Native)]
    [InlineData(Engine.Durable)]
    public async Task Send_WhenServerAnswersTooSlowly_DefersOnTimeout(Engine engine)
    {
        var recipient = await SendAndWaitAsync(engine, "slow", r => r.Attempts >= 1);

        Assert.Equal("Deferred", recipient.Status);
        Assert.Contains("time", recipient.Response, StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData(Engine.Native)]
    [InlineData(Engine.Durable)]
    public async Task Send_ToNullMxDomain_FailsAtOnceWith5110(Engine engine)
    {
        var recipient = await SendAndWaitAsync(engine, "nullmx", r => r.Attempts >= 1);

        Assert.Equal("Failed", recipient.Status);
        Assert.Equal("5.1.10", recipient.EnhancedStatusCode);
        Assert.Null(recipient.MxHost);
    }

    [Theory]
    [InlineData(Engine.Native)]
    [InlineData(Engine.Durable)]
    public async Task Send_ToNonExistentDomain_Fails(Engine engine)
    {
        var recipient = await SendAndWaitAsync(engine, "missing", r => r.Attempts >= 1);

        Assert.Equal("Failed", recipient.Status);
        Assert.StartsWith("5.", recipient.EnhancedStatusCode, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Engine.Native)]
    [InlineData(Engine.Durable)]
    public async Task Send_ToDomainWithoutMx_DeliversToItsAddressRecord(Engine engine)
    {
        var recipient = await SendAndWaitAsync(engine, "implicit", r => r.Status != "Queued" && r.Attempts >= 1);

        Assert.Equal("Delivered", recipient.Status);
        Assert.Equal(MailstromLab.Rig.Domain("implicit"), recipient.MxHost);
    }

    [Theory]
    [InlineData(Engine.Native)]
    [InlineData(Engine.Durable)]
    public async Task Send_WhenFirstMxIsDead_DeliversThroughTheSecond(Engine engine)
    {
        var recipient = await SendAndWaitAsync(engine, "backup", r => r.Attempts >= 1);

        Assert.Equal("Delivered", recipient.Status);
        Assert.Equal($"mx2.{MailstromLab.Rig.Domain("backup")}", recipient.MxHost);
    }
}
