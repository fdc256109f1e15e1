using System.Net;
using Mailstrom.Delivery;
using Mailstrom.Delivery.Smtp;
using Mailstrom.Testing.Smtp;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Mailstrom.Tests.Delivery.Smtp;

/// <summary>The transport's connection reuse: one transaction per connection at a time, RSET before reuse, time limits.</summary>
public sealed class SmtpConnectionPoolTests
{
    private const int Timeout = 30_000;
    private const string Host = "mx.scripted1.mailstrom.test";

    [Fact(Timeout = Timeout)]
    public async Task Send_TwiceToOneHost_ReusesTheConnectionWithRsetBetween()
    {
        await using var server = ScriptedSmtpServer.Start(IPAddress.Loopback, 0);
        await using var transport = Transport(TimeProvider.System, SmtpConnectionPoolSettings.Default);

        var first = await SendAsync(transport, server, "one@d.test");
        var second = await SendAsync(transport, server, "two@d.test");

        Assert.Equal(AttemptOutcomeKind.Delivered, Assert.Single(first.Outcomes).Kind);
        Assert.Equal(AttemptOutcomeKind.Delivered, Assert.Single(second.Outcomes).Kind);
        Assert.Equal(1, server.ConnectionCount);
        Assert.Equal([["one@d.test"], ["two@d.test"]], server.Messages.Select(m => m.Recipients));
        var transcript = server.Transcript.ToList();
        var rset = transcript.IndexOf("C: RSET");
        Assert.True(rset > 0, "RSET precedes the second transaction");
        Assert.Contains("C: MAIL FROM", transcript[rset..].FirstOrDefault(l => l.StartsWith("C: MAIL", StringComparison.Ordinal)) ?? "", StringComparison.Ordinal);
        Assert.DoesNotContain("C: QUIT", transcript);
    }

    [Fact(Timeout = Timeout)]
    public async Task Send_Concurrently_EachTransactionHasAConnectionToItself()
    {
        await using var server = ScriptedSmtpServer.Start(IPAddress.Loopback, 0);
        await using var transport = Transport(TimeProvider.System, SmtpConnectionPoolSettings.Default);

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => SendAsync(transport, server, $"r{i}@d.test")));

        Assert.All(results, r => Assert.Equal(AttemptOutcomeKind.Delivered, Assert.Single(r.Outcomes).Kind));
        Assert.Equal(8, server.Messages.Count);
        Assert.InRange(server.ConnectionCount, 1, 8);
        Assert.InRange(transport.Pool.IdleCount, 1, 8);
    }

    [Fact(Timeout = Timeout)]
    public async Task Send_PastTheReuseTimeLimit_OpensAFreshConnection()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        await using var server = ScriptedSmtpServer.Start(IPAddress.Loopback, 0);
        await using var transport = Transport(time, new SmtpConnectionPoolSettings(TimeSpan.FromSeconds(300), TimeSpan.FromHours(1), 20));

        await SendAsync(transport, server, "one@d.test");
        time.Advance(TimeSpan.FromSeconds(299));
        await SendAsync(transport, server, "two@d.test");
        time.Advance(TimeSpan.FromSeconds(2));
        await SendAsync(transport, server, "three@d.test");

        Assert.Equal(3, server.Messages.Count);
        Assert.Equal(2, server.ConnectionCount);
    }

    [Fact(Timeout = Timeout)]
    public async Task Send_AfterTheConnectionWasLost_NeverReusesIt()
    {
        await using var server = ScriptedSmtpServer.Start(IPAddress.Loopback, 0, new ScriptedSmtpBehavior { DropDuringData = true });
        await using var transport = Transport(TimeProvider.System, SmtpConnectionPoolSettings.Default);

        var first = await SendAsync(transport, server, "one@d.test");
        var second = await SendAsync(transport, server, "two@d.test");

        Assert.Equal(AttemptOutcomeKind.Transient, Assert.Single(first.Outcomes).Kind);
        Assert.Equal(AttemptOutcomeKind.Transient, Assert.Single(second.Outcomes).Kind);
        Assert.Equal(2, server.ConnectionCount);
        Assert.Equal(0, transport.Pool.IdleCount);
    }

    [Fact(Timeout = Timeout)]
    public async Task Dispose_WithIdleConnections_SaysQuit()
    {
        await using var server = ScriptedSmtpServer.Start(IPAddress.Loopback, 0);
        var transport = Transport(TimeProvider.System, SmtpConnectionPoolSettings.Default);
        await SendAsync(transport, server, "one@d.test");
        Assert.Equal(1, transport.Pool.IdleCount);

        await transport.DisposeAsync();

        Assert.Contains("C: QUIT", server.Transcript);
        Assert.Equal(0, transport.Pool.IdleCount);
    }

    [Fact(Timeout = Timeout)]
    public async Task Send_WithPoolingDisabled_OpensAConnectionPerTransactionAndQuits()
    {
        await using var server = ScriptedSmtpServer.Start(IPAddress.Loopback, 0);
        await using var transport = Transport(TimeProvider.System, SmtpConnectionPoolSettings.Disabled);

        await SendAsync(transport, server, "one@d.test");
        await SendAsync(transport, server, "two@d.test");

        Assert.Equal(2, server.ConnectionCount);
        Assert.Equal(2, server.Transcript.Count(l => l == "C: QUIT"));
    }

    private static MailKitSmtpTransport Transport(TimeProvider time, SmtpConnectionPoolSettings pooling) =>
        new(Microsoft.Extensions.Options.Options.Create(DeliveryTestData.Options()), time, NullLogger<MailKitSmtpTransport>.Instance, pooling);

    private static Task<SmtpSessionResult> SendAsync(MailKitSmtpTransport transport, ScriptedSmtpServer server, string recipient) =>
        transport.SendAsync(
            new SmtpEndpoint(Host, server.EndPoint.Address, server.EndPoint.Port, SmtpSecurity.Opportunistic),
            DeliveryTestData.Transaction(DeliveryTestData.Message(DeliveryTestData.NewMessageId()), recipient),
            CancellationToken.None);
}
