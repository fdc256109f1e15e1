using System.Diagnostics;
using System.Net;
using Mailstrom.Delivery;
using Mailstrom.Delivery.Smtp;
using Mailstrom.Testing.Rig;
using Mailstrom.Testing.Smtp;

namespace Mailstrom.Tests.Delivery.Misbehaving;

/// <summary>Runs alone: the memory bound is measured as the whole process's allocations during one attempt.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class MisbehavingSmtpCollection
{
    public const string Name = "Misbehaving SMTP servers";
}

/// <summary>
/// SMTP servers that break the protocol on loopback, against the real MailKit transport and the real agent: every
/// attempt ends within the configured timeouts, allocates a bounded amount of memory, and defers with a reason.
/// </summary>
[Collection(MisbehavingSmtpCollection.Name)]
public sealed class MisbehavingSmtpServerTests
{
    private const int Timeout = 60_000;
    private const string Host = "mx.misbehaving.mailstrom.test";

    /// <summary>What one attempt may allocate, over the whole process: a few replies' worth, never the stream.</summary>
    private const long MaxAllocatedBytes = 16L * 1024 * 1024;

    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(2);

    /// <summary>Scheduling slack on a loaded 2-core machine; far below anything unbounded.</summary>
    private static readonly TimeSpan Slack = TimeSpan.FromSeconds(6);

    public static TheoryData<SmtpMisbehavior, string> SessionNeverStarts => new()
    {
        { SmtpMisbehavior.SilentAfterAccept, "4.4.2 Session with " + Host + " failed during greeting and EHLO: timed out" },
        { SmtpMisbehavior.SilentAfterEhlo, "4.4.2 Session with " + Host + " failed during greeting and EHLO: timed out" },
        { SmtpMisbehavior.LongGreetingLineThenSilence, "4.4.2 Session with " + Host + " failed during greeting and EHLO: timed out" },
        { SmtpMisbehavior.EndlessEhloReply, "4.4.2 Session with " + Host + " failed during greeting and EHLO: " },
        { SmtpMisbehavior.EndlessGreetingLine, "4.4.2 Session with " + Host + " failed during greeting and EHLO: " },
        { SmtpMisbehavior.StartTlsThenGarbage, "4.7.5 TLS handshake with " + Host + " failed: " },
        { SmtpMisbehavior.StartTlsThenClose, "4.7.5 TLS handshake with " + Host + " failed: " },
        { SmtpMisbehavior.StartTlsThenSilence, "4." },
    };

    [Theory(Timeout = Timeout)]
    [MemberData(nameof(SessionNeverStarts))]
    public async Task Send_ServerMisbehavesBeforeTheTransaction_GivesUpInBoundedTimeAndMemoryAndAsksForTheNextHost(
        SmtpMisbehavior behavior, string reasonPrefix)
    {
        await using var server = MisbehavingSmtpServer.Start(IPAddress.Loopback, 0, behavior);

        var (result, elapsed, allocated) = await MeasureAsync(() => SendAsync(server, "a@d.test"));

        Assert.True(result.TryNextHost, $"{behavior}: expected the next host to be tried");
        var failure = result.Failure!;
        Assert.Equal(AttemptOutcomeKind.Transient, failure.Kind);
        Assert.Null(failure.SmtpCode);
        Assert.StartsWith(reasonPrefix, failure.Response, StringComparison.Ordinal);
        Assert.Equal(Host, failure.MxHost);
        AssertBounded(behavior, elapsed, ConnectTimeout + CommandTimeout, allocated, server);
        Assert.DoesNotContain(server.ClientLines, l => l.StartsWith("MAIL", StringComparison.OrdinalIgnoreCase));
    }

    [Fact(Timeout = Timeout)]
    public async Task Send_EndlessMultiLineReplyToMailFrom_DefersEveryRecipientInBoundedTimeAndMemory()
    {
        await using var server = MisbehavingSmtpServer.Start(IPAddress.Loopback, 0, SmtpMisbehavior.EndlessMailFromReply);

        var (result, elapsed, allocated) = await MeasureAsync(() => SendAsync(server, "a@d.test", "b@d.test"));

        Assert.False(result.TryNextHost);
        Assert.Equal(2, result.Outcomes.Count);
        Assert.All(result.Outcomes, o =>
        {
            Assert.Equal(AttemptOutcomeKind.Transient, o.Kind);
            Assert.Null(o.SmtpCode);
            Assert.StartsWith("4.4.2 Connection lost during MAIL FROM: ", o.Response, StringComparison.Ordinal);
            Assert.Contains("longer than", o.Response, StringComparison.Ordinal);
            Assert.Equal(Host, o.MxHost);
        });
        AssertBounded(SmtpMisbehavior.EndlessMailFromReply, elapsed, ConnectTimeout + CommandTimeout, allocated, server);
    }

    [RigTest]
    [Fact(Timeout = Timeout)]
    public async Task Deliver_ThroughTheAgentAndRealDns_EndlessReplyDefersWithTheMxHostAndAReason()
    {
        var rig = RigEnvironment.Current;
        await using var server = MisbehavingSmtpServer.Start(rig.ScriptedAddress(1), 0, SmtpMisbehavior.EndlessMailFromReply);
        var domain = rig.ScriptedDomain(1);
        var agent = DeliveryTestData.Agent(Options(o => o.Delivery.SmtpPort = server.EndPoint.Port));

        var (outcomes, elapsed, allocated) = await MeasureAsync(() => agent.DeliverAsync(
            DeliveryTestData.Batch(domain, DeliveryTestData.Message(DeliveryTestData.NewMessageId()), $"ok@{domain}"),
            CancellationToken.None));

        var outcome = Assert.Single(outcomes);
        Assert.Equal(AttemptOutcomeKind.Transient, outcome.Kind);
        Assert.Equal($"mx.{domain}", outcome.MxHost);
        Assert.StartsWith("4.4.2 Connection lost during MAIL FROM: ", outcome.Response, StringComparison.Ordinal);
        AssertBounded(SmtpMisbehavior.EndlessMailFromReply, elapsed, ConnectTimeout + CommandTimeout, allocated, server);
    }

    [RigTest]
    [Fact(Timeout = Timeout)]
    public async Task Deliver_WhenServerDripsItsReplyInsideEveryTimeout_GivesUpAtTheAttemptTimeout()
    {
        var rig = RigEnvironment.Current;
        await using var server = MisbehavingSmtpServer.Start(rig.ScriptedAddress(1), 0, SmtpMisbehavior.DripMailFromReply);
        var domain = rig.ScriptedDomain(1);
        var attemptTimeout = TimeSpan.FromSeconds(4);
        var agent = DeliveryTestData.Agent(Options(o =>
        {
            o.Delivery.SmtpPort = server.EndPoint.Port;
            o.Delivery.AttemptTimeout = attemptTimeout;
        }));

        var (outcomes, elapsed, allocated) = await MeasureAsync(() => agent.DeliverAsync(
            DeliveryTestData.Batch(domain, DeliveryTestData.Message(DeliveryTestData.NewMessageId()), $"ok@{domain}"),
            CancellationToken.None));

        var outcome = Assert.Single(outcomes);
        Assert.Equal(AttemptOutcomeKind.Transient, outcome.Kind);
        Assert.Equal("4.4.7", outcome.EnhancedStatusCode);
        Assert.Contains("Mailstrom:Delivery:AttemptTimeout", outcome.Response, StringComparison.Ordinal);
        Assert.True(elapsed >= attemptTimeout - TimeSpan.FromMilliseconds(100), $"gave up after {elapsed}, before the attempt timeout");
        AssertBounded(SmtpMisbehavior.DripMailFromReply, elapsed, attemptTimeout, allocated, server);
    }

    private static void AssertBounded(SmtpMisbehavior behavior, TimeSpan elapsed, TimeSpan budget, long allocated, MisbehavingSmtpServer server)
    {
        Assert.True(elapsed < budget + Slack, $"{behavior}: took {elapsed}, the timeouts allow {budget}");
        Assert.True(allocated < MaxAllocatedBytes,
            $"{behavior}: the attempt allocated {allocated:N0} bytes (server sent {server.BytesSent:N0}); the bound is {MaxAllocatedBytes:N0}");
        Assert.True(server.BytesSent < MisbehavingSmtpServer.SendCap, $"{behavior}: the client read until the server's safety cap");
    }

    private static async Task<(T Result, TimeSpan Elapsed, long Allocated)> MeasureAsync<T>(Func<Task<T>> attempt)
    {
        var before = GC.GetTotalAllocatedBytes(precise: true);
        var stopwatch = Stopwatch.StartNew();
        var result = await attempt();
        stopwatch.Stop();
        return (result, stopwatch.Elapsed, GC.GetTotalAllocatedBytes(precise: true) - before);
    }

    private static Task<SmtpSessionResult> SendAsync(MisbehavingSmtpServer server, params string[] recipients) =>
        DeliveryTestData.Transport(Options()).SendAsync(
            new SmtpEndpoint(Host, server.EndPoint.Address, server.EndPoint.Port, SmtpSecurity.Opportunistic),
            DeliveryTestData.Transaction(DeliveryTestData.Message(DeliveryTestData.NewMessageId()), recipients),
            CancellationToken.None);

    private static MailstromOptions Options(Action<MailstromOptions>? configure = null) =>
        DeliveryTestData.Options(o =>
        {
            o.Delivery.ConnectTimeout = ConnectTimeout;
            o.Delivery.CommandTimeout = CommandTimeout;
            configure?.Invoke(o);
        });
}
