using System.Diagnostics;
using Mailstrom.Delivery;
using Mailstrom.Testing.Rig;
using Mailstrom.Testing.Smtp;

namespace Mailstrom.Tests.Delivery;

/// <summary>The agent end to end against the rig: dnsmasq, Postfix, smtp-sink faults, the relay, the scripted server.</summary>
[RigTest]
public sealed class DeliveryAgentRigTests
{
    private const int Timeout = 30_000;

    private static RigEnvironment Rig => RigEnvironment.Current;

    [Fact(Timeout = Timeout)]
    public async Task Deliver_ToPostfix_DeliversOverTlsAndTheMessageArrivesUnchangedWithoutBcc()
    {
        var localPart = "agent-" + Guid.NewGuid().ToString("N")[..12];
        var messageId = DeliveryTestData.NewMessageId();
        var agent = RigAgent();

        var outcome = Assert.Single(await agent.DeliverAsync(
            DeliveryTestData.Batch(Rig.PostfixDomain, DeliveryTestData.Message(messageId), $"{localPart}@{Rig.PostfixDomain}"),
            CancellationToken.None));

        Assert.Equal(AttemptOutcomeKind.Delivered, outcome.Kind);
        Assert.Equal(250, outcome.SmtpCode);
        Assert.Equal("2.0.0", outcome.EnhancedStatusCode);
        Assert.Equal(Rig.PostfixMxHost, outcome.MxHost);
        Assert.Matches(@"^TLSv1\.[23] TLS_", outcome.Tls);
        var stored = await DeliveryTestData.WaitForMaildirMessageAsync(localPart, messageId, TimeSpan.FromSeconds(20));
        Assert.Contains($"Message-ID: <{messageId}>", stored, StringComparison.Ordinal);
        Assert.DoesNotContain("hidden-bcc", stored, StringComparison.Ordinal);
    }

    [Fact(Timeout = Timeout)]
    public async Task Deliver_ToTempfailSink_DefersWithTheServersReply()
    {
        var outcome = await DeliverOneAsync("tempfail");

        AssertReply(Rig.ReplyTempfail, AttemptOutcomeKind.Transient, outcome);
        Assert.Equal(Rig.Domain("mx.tempfail"), outcome.MxHost);
    }

    [Fact(Timeout = Timeout)]
    public async Task Deliver_ToRejectSink_FailsWithTheServersReply()
    {
        var outcome = await DeliverOneAsync("reject");

        AssertReply(Rig.ReplyReject, AttemptOutcomeKind.Permanent, outcome);
        Assert.Equal(Rig.Domain("mx.reject"), outcome.MxHost);
    }

    [Fact(Timeout = Timeout)]
    public async Task Deliver_ToServerGreetingWith421_DefersWithTheGreeting()
    {
        var outcome = await DeliverOneAsync("greet421");

        Assert.Equal(AttemptOutcomeKind.Transient, outcome.Kind);
        Assert.Equal(421, outcome.SmtpCode);
        Assert.Equal(Rig.Domain("mx.greet421"), outcome.MxHost);
    }

    [Theory(Timeout = Timeout)]
    [InlineData("dropdata")]
    [InlineData("dropdot")]
    public async Task Deliver_ToServerThatDisconnectsDuringData_DefersNamingTheStage(string label)
    {
        var outcome = await DeliverOneAsync(label);

        Assert.Equal(AttemptOutcomeKind.Transient, outcome.Kind);
        Assert.Null(outcome.SmtpCode);
        Assert.Equal("4.4.2", outcome.EnhancedStatusCode);
        Assert.StartsWith("4.4.2 Connection lost during DATA", outcome.Response, StringComparison.Ordinal);
        Assert.Equal(Rig.Domain($"mx.{label}"), outcome.MxHost);
    }

    [Fact(Timeout = Timeout)]
    public async Task Deliver_ToServerSlowerThanTheCommandTimeout_DefersWithinTheTimeout()
    {
        var stopwatch = Stopwatch.StartNew();

        var outcome = await DeliverOneAsync("slow", o => o.Delivery.CommandTimeout = TimeSpan.FromSeconds(2));

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(15), $"took {stopwatch.Elapsed}");
        Assert.Equal(AttemptOutcomeKind.Transient, outcome.Kind);
        Assert.Contains("timed out", outcome.Response, StringComparison.Ordinal);
    }

    [Fact(Timeout = Timeout)]
    public async Task Deliver_WhenThePreferredMxIsDown_DeliversToTheBackupMx()
    {
        var outcome = await DeliverOneAsync("backup");

        Assert.Equal(AttemptOutcomeKind.Delivered, outcome.Kind);
        Assert.Equal(Rig.Domain("mx2.backup"), outcome.MxHost);
    }

    [Fact(Timeout = Timeout)]
    public async Task Deliver_ToDomainWithoutMx_DeliversToItsAddressRecord()
    {
        var outcome = await DeliverOneAsync("implicit");

        Assert.Equal(AttemptOutcomeKind.Delivered, outcome.Kind);
        Assert.Equal(Rig.Domain("implicit"), outcome.MxHost);
    }

    [Fact(Timeout = Timeout)]
    public async Task Deliver_ToNullMxDomain_FailsWith556And5110()
    {
        var outcome = await DeliverOneAsync("nullmx");

        Assert.Equal(AttemptOutcomeKind.Permanent, outcome.Kind);
        Assert.Equal(556, outcome.SmtpCode);
        Assert.Equal("5.1.10", outcome.EnhancedStatusCode);
    }

    [Fact(Timeout = Timeout)]
    public async Task Deliver_ToNonExistentDomain_FailsWith512AndNoServerCode()
    {
        var outcome = await DeliverOneAsync("missing");

        Assert.Equal(AttemptOutcomeKind.Permanent, outcome.Kind);
        Assert.Null(outcome.SmtpCode);
        Assert.Equal("5.1.2", outcome.EnhancedStatusCode);
    }

    [Fact(Timeout = Timeout)]
    public async Task Deliver_WhenDnsDoesNotAnswer_Defers443()
    {
        var outcome = await DeliverOneAsync("postfix", o =>
        {
            o.Dns.NameServers = ["127.0.0.1:1"];
            o.Dns.Timeout = TimeSpan.FromMilliseconds(500);
        });

        Assert.Equal(AttemptOutcomeKind.Transient, outcome.Kind);
        Assert.Equal("4.4.3", outcome.EnhancedStatusCode);
    }

    [Fact(Timeout = Timeout)]
    public async Task Deliver_ScriptedMixedRcptReplies_GivesDeliveredTransientAndPermanentInOneTransaction()
    {
        await using var server = ScriptedSmtpServer.Start(Rig.ScriptedAddress(2), 0, new ScriptedSmtpBehavior
        {
            RcptReply = ScriptedSmtpBehavior.ByLocalPart,
        });
        var domain = Rig.ScriptedDomain(2);
        var agent = RigAgent(o => o.Delivery.SmtpPort = server.EndPoint.Port);

        var outcomes = await agent.DeliverAsync(DeliveryTestData.Batch(domain, DeliveryTestData.Message(DeliveryTestData.NewMessageId()),
            $"ok@{domain}", $"later@{domain}", $"never@{domain}"), CancellationToken.None);

        Assert.Equal([AttemptOutcomeKind.Delivered, AttemptOutcomeKind.Transient, AttemptOutcomeKind.Permanent], outcomes.Select(o => o.Kind));
        Assert.Equal([250, 451, 550], outcomes.Select(o => o.SmtpCode));
        Assert.All(outcomes, o => Assert.Equal(Rig.Domain("mx.scripted2"), o.MxHost));
        Assert.Equal(1, server.ConnectionCount);
    }

    [Fact(Timeout = Timeout)]
    public async Task Deliver_ScriptedServerDropsMidData_Defers()
    {
        await using var server = ScriptedSmtpServer.Start(Rig.ScriptedAddress(3), 0, new ScriptedSmtpBehavior { DropDuringData = true });
        var domain = Rig.ScriptedDomain(3);
        var agent = RigAgent(o => o.Delivery.SmtpPort = server.EndPoint.Port);

        var outcome = Assert.Single(await agent.DeliverAsync(
            DeliveryTestData.Batch(domain, DeliveryTestData.Message(DeliveryTestData.NewMessageId()), $"ok@{domain}"), CancellationToken.None));

        Assert.Equal(AttemptOutcomeKind.Transient, outcome.Kind);
        Assert.StartsWith("4.4.2 Connection lost during DATA", outcome.Response, StringComparison.Ordinal);
    }

    [Fact(Timeout = Timeout)]
    public async Task Deliver_PrivateDestinationsNotAllowed_NeverConnectsToTheLoopbackMx()
    {
        await using var server = ScriptedSmtpServer.Start(Rig.ScriptedAddress(4), 0);
        var domain = Rig.ScriptedDomain(4);
        var agent = RigAgent(o =>
        {
            o.Delivery.SmtpPort = server.EndPoint.Port;
            o.Delivery.AllowPrivateDestinations = false;
        });

        var outcome = Assert.Single(await agent.DeliverAsync(
            DeliveryTestData.Batch(domain, DeliveryTestData.Message(DeliveryTestData.NewMessageId()), $"ok@{domain}"), CancellationToken.None));

        Assert.Equal(0, server.ConnectionCount);
        Assert.Equal(AttemptOutcomeKind.Transient, outcome.Kind);
        Assert.Null(outcome.SmtpCode);
        Assert.StartsWith("4.4.4 All MX addresses", outcome.Response, StringComparison.Ordinal);
    }

    [Fact(Timeout = Timeout)]
    public async Task Deliver_ViaRelayWithAuthOverStartTls_Delivers()
    {
        var localPart = "relay-" + Guid.NewGuid().ToString("N")[..12];
        var messageId = DeliveryTestData.NewMessageId();
        var agent = RigAgent(o => o.Delivery.Relay = RelaySettings(Rig.RelayPassword));

        var outcome = Assert.Single(await agent.DeliverAsync(
            DeliveryTestData.Batch(Rig.PostfixDomain, DeliveryTestData.Message(messageId), $"{localPart}@{Rig.PostfixDomain}"),
            CancellationToken.None));

        Assert.Equal(AttemptOutcomeKind.Delivered, outcome.Kind);
        Assert.Equal(Rig.RelayHost, outcome.MxHost);
        Assert.NotNull(outcome.Tls);
        var stored = await DeliveryTestData.WaitForMaildirMessageAsync(localPart, messageId, TimeSpan.FromSeconds(20));
        Assert.Contains($"Message-ID: <{messageId}>", stored, StringComparison.Ordinal);
    }

    [Fact(Timeout = Timeout)]
    public async Task Deliver_ViaRelayWithAWrongPassword_DefersWithoutLeakingThePassword()
    {
        const string wrong = "not-the-password-1234";
        var agent = RigAgent(o => o.Delivery.Relay = RelaySettings(wrong));

        var outcome = Assert.Single(await agent.DeliverAsync(
            DeliveryTestData.Batch(Rig.PostfixDomain, DeliveryTestData.Message(DeliveryTestData.NewMessageId()), $"x@{Rig.PostfixDomain}"),
            CancellationToken.None));

        Assert.Equal(AttemptOutcomeKind.Transient, outcome.Kind);
        Assert.DoesNotContain(wrong, outcome.Response, StringComparison.Ordinal);
    }

    private static RelayOptions RelaySettings(string password) => new()
    {
        Host = Rig.RelayHost,
        Port = Rig.RelayPort,
        Tls = RelayTls.StartTls,
        Username = Rig.RelayUser,
        Password = password,
    };

    private static DeliveryAgent RigAgent(Action<MailstromOptions>? configure = null) =>
        DeliveryTestData.Agent(DeliveryTestData.Options(o =>
        {
            o.Delivery.SmtpPort = Rig.SmtpPort;
            configure?.Invoke(o);
            if (o.Delivery.Relay.Host is not null)
            {
                o.Delivery.Mode = DeliveryMode.Relay;
            }
        }));

    private static async Task<AttemptOutcome> DeliverOneAsync(string label, Action<MailstromOptions>? configure = null)
    {
        var domain = Rig.Domain(label);
        var outcomes = await RigAgent(configure).DeliverAsync(
            DeliveryTestData.Batch(domain, DeliveryTestData.Message(DeliveryTestData.NewMessageId()), $"user@{domain}"),
            CancellationToken.None);
        return Assert.Single(outcomes);
    }

    private static void AssertReply(string fullReply, AttemptOutcomeKind kind, AttemptOutcome outcome)
    {
        var code = int.Parse(fullReply[..3], System.Globalization.CultureInfo.InvariantCulture);
        var text = fullReply[4..];
        Assert.Equal(kind, outcome.Kind);
        Assert.Equal(code, outcome.SmtpCode);
        Assert.Equal(text.Split(' ')[0], outcome.EnhancedStatusCode);
        Assert.Equal(text, outcome.Response);
    }
}
