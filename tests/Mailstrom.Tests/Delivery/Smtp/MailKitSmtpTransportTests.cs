using System.Net;
using Mailstrom.Delivery;
using Mailstrom.Delivery.Smtp;
using Mailstrom.Testing.Smtp;

namespace Mailstrom.Tests.Delivery.Smtp;

/// <summary>The MailKit transport against the scripted server (faults real servers cannot produce).</summary>
public sealed class MailKitSmtpTransportTests
{
    private const int Timeout = 30_000;
    private const string Host = "mx.scripted1.mailstrom.test";

    private static IPAddress Loopback => IPAddress.Loopback;

    [Theory(Timeout = Timeout)]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Send_MixedRcptReplies_GivesEachRecipientItsOwnOutcomeInOneTransaction(bool pipelining)
    {
        await using var server = ScriptedSmtpServer.Start(Loopback, 0, new ScriptedSmtpBehavior
        {
            Pipelining = pipelining,
            RcptReply = ScriptedSmtpBehavior.ByLocalPart,
        });

        var result = await SendAsync(server, DeliveryTestData.Message(DeliveryTestData.NewMessageId()),
            "ok@d.test", "later@d.test", "never@d.test");

        Assert.False(result.TryNextHost);
        Assert.Equal(
            [
                new AttemptOutcome(AttemptOutcomeKind.Delivered, 250, "2.0.0", "2.0.0 Ok: queued as SCRIPTED", Host),
                new AttemptOutcome(AttemptOutcomeKind.Transient, 451, "4.2.1", "4.2.1 Mailbox busy, try later", Host),
                new AttemptOutcome(AttemptOutcomeKind.Permanent, 550, "5.1.1", "5.1.1 No such mailbox", Host),
            ],
            result.Outcomes);
        Assert.Equal(1, server.ConnectionCount);
        var message = Assert.Single(server.Messages);
        Assert.Equal(["ok@d.test"], message.Recipients);
        Assert.Equal(DeliveryTestData.Sender, message.MailFrom);
    }

    [Fact(Timeout = Timeout)]
    public async Task Send_MessageGoesOutAsStored_SameMessageIdAndNoBcc()
    {
        await using var server = ScriptedSmtpServer.Start(Loopback, 0);
        var messageId = DeliveryTestData.NewMessageId();

        var result = await SendAsync(server, DeliveryTestData.Message(messageId), "ok@d.test");

        Assert.Equal(AttemptOutcomeKind.Delivered, Assert.Single(result.Outcomes).Kind);
        var data = Assert.Single(server.Messages).Data;
        Assert.Contains($"Message-ID: <{messageId}>", data, StringComparison.Ordinal);
        Assert.DoesNotContain("Bcc:", data, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("hidden-bcc", data, StringComparison.Ordinal);
        Assert.Contains("Hello from Mailstrom.", data, StringComparison.Ordinal);
        Assert.Contains("C: EHLO client.mailstrom.test", server.Transcript);
    }

    [Fact(Timeout = Timeout)]
    public async Task Send_ConnectionDroppedMidData_DefersAcceptedRecipientsNamingTheStage()
    {
        await using var server = ScriptedSmtpServer.Start(Loopback, 0, new ScriptedSmtpBehavior
        {
            RcptReply = ScriptedSmtpBehavior.ByLocalPart,
            DropDuringData = true,
        });

        var result = await SendAsync(server, DeliveryTestData.Message(DeliveryTestData.NewMessageId()),
            "ok@d.test", "never@d.test", "ok2@d.test");

        Assert.False(result.TryNextHost);
        var (first, rejected, third) = (result.Outcomes[0], result.Outcomes[1], result.Outcomes[2]);
        Assert.Equal(AttemptOutcomeKind.Transient, first.Kind);
        Assert.Null(first.SmtpCode);
        Assert.Equal("4.4.2", first.EnhancedStatusCode);
        Assert.StartsWith("4.4.2 Connection lost during DATA", first.Response, StringComparison.Ordinal);
        Assert.Equal(Host, first.MxHost);
        Assert.Equal(first, third);
        Assert.Equal(AttemptOutcomeKind.Permanent, rejected.Kind);
        Assert.Equal(550, rejected.SmtpCode);
        Assert.Empty(server.Messages);
    }

    [Theory(Timeout = Timeout)]
    [InlineData("554 5.6.0 Message content rejected", AttemptOutcomeKind.Permanent, 554, "5.6.0")]
    [InlineData("452 4.3.1 Insufficient system storage", AttemptOutcomeKind.Transient, 452, "4.3.1")]
    public async Task Send_EndOfDataRefused_GivesAcceptedRecipientsThatReply(
        string reply, AttemptOutcomeKind kind, int code, string enhanced)
    {
        await using var server = ScriptedSmtpServer.Start(Loopback, 0, new ScriptedSmtpBehavior
        {
            RcptReply = ScriptedSmtpBehavior.ByLocalPart,
            DataReply = _ => reply,
        });

        var result = await SendAsync(server, DeliveryTestData.Message(DeliveryTestData.NewMessageId()),
            "ok@d.test", "later@d.test");

        Assert.Equal(new AttemptOutcome(kind, code, enhanced, reply[4..], Host), result.Outcomes[0]);
        Assert.Equal(451, result.Outcomes[1].SmtpCode);
    }

    [Fact(Timeout = Timeout)]
    public async Task Send_MailFromRefused_GivesEveryRecipientThatReply()
    {
        await using var server = ScriptedSmtpServer.Start(Loopback, 0, new ScriptedSmtpBehavior
        {
            MailFromReply = "550 5.7.1 Sender rejected by policy",
        });

        var result = await SendAsync(server, DeliveryTestData.Message(DeliveryTestData.NewMessageId()), "a@d.test", "b@d.test");

        var expected = new AttemptOutcome(AttemptOutcomeKind.Permanent, 550, "5.7.1", "5.7.1 Sender rejected by policy", Host)
        {
            Cause = AttemptCause.TransactionReply,
        };
        Assert.Equal([expected, expected], result.Outcomes);
    }

    [Theory(Timeout = Timeout)]
    [InlineData(new[] { "a@d.test" }, AttemptCause.Reply)]
    [InlineData(new[] { "a@d.test", "b@d.test" }, AttemptCause.TransactionReply)]
    [InlineData(new[] { "a@d.test", "later@d.test" }, AttemptCause.Reply)]
    public async Task Send_EndOfDataRefused_SpeaksForTheMailboxOnlyWhenOneRecipientWasAccepted(string[] recipients, AttemptCause cause)
    {
        // A 5.1.1 at the end of data names the mailbox when it covers one accepted recipient, and the message when several:
        // only the former may put an address on the suppression list.
        await using var server = ScriptedSmtpServer.Start(Loopback, 0, new ScriptedSmtpBehavior
        {
            RcptReply = ScriptedSmtpBehavior.ByLocalPart,
            DataReply = _ => "550 5.1.1 No such user here",
        });

        var result = await SendAsync(server, DeliveryTestData.Message(DeliveryTestData.NewMessageId()), recipients);

        Assert.Equal(cause, result.Outcomes[0].Cause);
        Assert.Equal(550, result.Outcomes[0].SmtpCode);
    }

    [Fact(Timeout = Timeout)]
    public async Task Send_NoRecipientAccepted_KeepsEachRcptReplyAndSendsNoData()
    {
        await using var server = ScriptedSmtpServer.Start(Loopback, 0, new ScriptedSmtpBehavior
        {
            RcptReply = ScriptedSmtpBehavior.ByLocalPart,
        });

        var result = await SendAsync(server, DeliveryTestData.Message(DeliveryTestData.NewMessageId()), "never@d.test", "later@d.test");

        Assert.Equal([550, 451], result.Outcomes.Select(o => o.SmtpCode));
        Assert.Equal([AttemptOutcomeKind.Permanent, AttemptOutcomeKind.Transient], result.Outcomes.Select(o => o.Kind));
        Assert.DoesNotContain("C: DATA", server.Transcript);
    }

    [Fact(Timeout = Timeout)]
    public async Task Send_TempfailOnFirstConnection_DeliversOnTheNextAttempt()
    {
        await using var server = ScriptedSmtpServer.Start(Loopback, 0, new ScriptedSmtpBehavior
        {
            RcptReply = (_, connection) => connection == 1 ? "450 4.2.0 Greylisted, come back later" : "250 2.1.5 Ok",
        });
        var content = DeliveryTestData.Message(DeliveryTestData.NewMessageId());

        var first = await SendAsync(server, content, "grey@d.test");
        var second = await SendAsync(server, content, "grey@d.test");

        Assert.Equal(new AttemptOutcome(AttemptOutcomeKind.Transient, 450, "4.2.0", "4.2.0 Greylisted, come back later", Host),
            Assert.Single(first.Outcomes));
        Assert.Equal(AttemptOutcomeKind.Delivered, Assert.Single(second.Outcomes).Kind);
        Assert.Equal(2, Assert.Single(server.Messages).Connection);
    }

    [Fact(Timeout = Timeout)]
    public async Task Send_Greeting421_AsksForTheNextHostWithTheReply()
    {
        await using var server = ScriptedSmtpServer.Start(Loopback, 0, new ScriptedSmtpBehavior
        {
            Greeting = "421 4.3.2 Service not available, closing channel",
        });

        var result = await SendAsync(server, DeliveryTestData.Message(DeliveryTestData.NewMessageId()), "a@d.test");

        Assert.True(result.TryNextHost);
        Assert.Empty(result.Outcomes);
        Assert.Equal(AttemptOutcomeKind.Transient, result.Failure!.Kind);
        Assert.Equal(421, result.Failure.SmtpCode);
        Assert.Equal("4.3.2", result.Failure.EnhancedStatusCode);
        Assert.Equal(Host, result.Failure.MxHost);
    }

    [Fact(Timeout = Timeout)]
    public async Task Send_NothingListening_AsksForTheNextHost()
    {
        int port;
        await using (var closed = ScriptedSmtpServer.Start(Loopback, 0))
        {
            port = closed.EndPoint.Port;
        }

        var result = await DeliveryTestData.Transport(DeliveryTestData.Options()).SendAsync(
            new SmtpEndpoint(Host, Loopback, port, SmtpSecurity.Opportunistic),
            DeliveryTestData.Transaction(DeliveryTestData.Message(DeliveryTestData.NewMessageId()), "a@d.test"),
            CancellationToken.None);

        Assert.True(result.TryNextHost);
        Assert.Null(result.Failure!.SmtpCode);
        Assert.StartsWith("4.4.1 Connection to " + Host, result.Failure.Response, StringComparison.Ordinal);
    }

    [Fact(Timeout = Timeout)]
    public async Task Send_TlsRequiredButNotOffered_AsksForTheNextHostAndSendsNothing()
    {
        await using var server = ScriptedSmtpServer.Start(Loopback, 0);

        var result = await SendAsync(server, DeliveryTestData.Message(DeliveryTestData.NewMessageId()), ["a@d.test"],
            SmtpSecurity.StartTlsRequired);

        Assert.True(result.TryNextHost);
        Assert.StartsWith("4.7.10 TLS required but not offered", result.Failure!.Response, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Transcript, line => line.StartsWith("C: MAIL", StringComparison.Ordinal));
    }

    [Fact(Timeout = Timeout)]
    public async Task Send_Utf8RecipientToServerWithoutSmtpUtf8_FailsOnlyThatRecipientWith567()
    {
        await using var server = ScriptedSmtpServer.Start(Loopback, 0, new ScriptedSmtpBehavior { SmtpUtf8 = false });

        var result = await SendAsync(server, DeliveryTestData.Message(DeliveryTestData.NewMessageId()), "ok@d.test", "jürgen@d.test");

        Assert.Equal(AttemptOutcomeKind.Delivered, result.Outcomes[0].Kind);
        Assert.Equal(AttemptOutcomeKind.Permanent, result.Outcomes[1].Kind);
        Assert.Null(result.Outcomes[1].SmtpCode);
        Assert.Equal("5.6.7", result.Outcomes[1].EnhancedStatusCode);
        Assert.Equal(["ok@d.test"], Assert.Single(server.Messages).Recipients);
    }

    [Fact(Timeout = Timeout)]
    public async Task Send_Utf8RecipientToServerWithSmtpUtf8_UsesSmtpUtf8AndDelivers()
    {
        await using var server = ScriptedSmtpServer.Start(Loopback, 0, new ScriptedSmtpBehavior { SmtpUtf8 = true });

        var result = await SendAsync(server, DeliveryTestData.Message(DeliveryTestData.NewMessageId()), "jürgen@d.test");

        Assert.Equal(AttemptOutcomeKind.Delivered, Assert.Single(result.Outcomes).Kind);
        Assert.Contains(server.Transcript, line => line.StartsWith("C: MAIL FROM:", StringComparison.Ordinal) && line.Contains("SMTPUTF8", StringComparison.Ordinal));
        Assert.Equal(["jürgen@d.test"], Assert.Single(server.Messages).Recipients);
    }

    [Fact(Timeout = Timeout)]
    public async Task Send_CredentialsOverPlaintext_AreNeverSent()
    {
        await using var server = ScriptedSmtpServer.Start(Loopback, 0);
        var endpoint = new SmtpEndpoint(Host, Loopback, server.EndPoint.Port, SmtpSecurity.None, new NetworkCredential("user", "s3cret"));

        var result = await DeliveryTestData.Transport(DeliveryTestData.Options()).SendAsync(endpoint,
            DeliveryTestData.Transaction(DeliveryTestData.Message(DeliveryTestData.NewMessageId()), "a@d.test"), CancellationToken.None);

        var outcome = Assert.Single(result.Outcomes);
        Assert.Equal(AttemptOutcomeKind.Transient, outcome.Kind);
        Assert.StartsWith("4.7.10 Refusing to send relay credentials", outcome.Response, StringComparison.Ordinal);
        Assert.DoesNotContain(server.Transcript, line => line.Contains("AUTH", StringComparison.Ordinal) || line.StartsWith("C: MAIL", StringComparison.Ordinal));
    }

    [Fact(Timeout = Timeout)]
    public async Task Send_CancelledByTheCaller_Throws()
    {
        await using var server = ScriptedSmtpServer.Start(Loopback, 0);
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => DeliveryTestData.Transport(DeliveryTestData.Options()).SendAsync(
            new SmtpEndpoint(Host, Loopback, server.EndPoint.Port, SmtpSecurity.Opportunistic),
            DeliveryTestData.Transaction(DeliveryTestData.Message(DeliveryTestData.NewMessageId()), "a@d.test"), cancelled.Token));
    }

    private static Task<SmtpSessionResult> SendAsync(ScriptedSmtpServer server, byte[] content, params string[] recipients) =>
        SendAsync(server, content, recipients, SmtpSecurity.Opportunistic);

    private static Task<SmtpSessionResult> SendAsync(
        ScriptedSmtpServer server, byte[] content, string[] recipients, SmtpSecurity security) =>
        DeliveryTestData.Transport(DeliveryTestData.Options()).SendAsync(
            new SmtpEndpoint(Host, server.EndPoint.Address, server.EndPoint.Port, security),
            DeliveryTestData.Transaction(content, recipients),
            CancellationToken.None);
}
