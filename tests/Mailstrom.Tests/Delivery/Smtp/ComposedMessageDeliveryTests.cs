using System.Net;
using System.Text;
using Mailstrom.Composition;
using Mailstrom.Composition.Signing;
using Mailstrom.Delivery;
using Mailstrom.Delivery.Smtp;
using Mailstrom.Testing.Dkim;
using Mailstrom.Testing.Smtp;
using Mailstrom.Tests.Composition;
using Mailstrom.Tests.Composition.Signing;
using MimeKit;

namespace Mailstrom.Tests.Delivery.Smtp;

/// <summary>
/// What a composed message looks like on the wire, through the MailKit transport to the scripted server: never an 8-bit
/// octet without SMTPUTF8 declared, whatever the submitted body and whichever extensions the server offers; a signed
/// message arrives as the octets the composer signed.
/// </summary>
public sealed class ComposedMessageDeliveryTests
{
    private const int Timeout = 30_000;
    private const string Host = "mx.scripted2.mailstrom.test";

    private const string EightBitBody = """
        From: Sender <sender@client.mailstrom.test>
        To: ok@d.test
        Subject: 8-bit body
        MIME-Version: 1.0
        Content-Type: multipart/mixed; boundary=b1

        --b1
        Content-Type: text/plain; charset=utf-8
        Content-Transfer-Encoding: 8bit

        Schöne Grüße aus Köln
        --b1
        Content-Type: application/octet-stream
        Content-Transfer-Encoding: base64
        Content-Disposition: attachment; filename=data.bin

        YWJj€
        --b1--
        """;

    private const string EightBitWithoutMime = """
        From: Sender <sender@client.mailstrom.test>
        To: ok@d.test
        Subject: 8-bit body, no MIME fields

        Schöne Grüße aus Köln
        """;

    private const string Utf8Headers = """
        From: Jürgen <sender@client.mailstrom.test>
        To: ok@d.test, ok2@d.test
        Subject: Grüße aus Köln

        Hallo.
        """;

    // UTF-8 text beside an encoded-word, which MimeKit would re-format as UTF-8 when writing for SMTPUTF8.
    private const string Utf8AndEncodedWords = """
        From: =?utf-8?q?J=C3=BCrgen?= <sender@client.mailstrom.test>
        To: ok@d.test
        Subject: Grüße aus Köln
        Content-Type: text/plain; charset=utf-8; name="=?utf-8?q?S=C3=BC=C3=9F?="

        Hallo.
        """;

    [Theory(Timeout = Timeout)]
    [InlineData(false, EightBitBody)]
    [InlineData(true, EightBitBody)]
    [InlineData(false, EightBitWithoutMime)]
    [InlineData(true, EightBitWithoutMime)]
    public async Task Send_EightBitBody_ArrivesSevenBitClean_AndReadsAsSent_WithOrWithout8BitMime(bool eightBitMime, string raw)
    {
        await using var server = ScriptedSmtpServer.Start(IPAddress.Loopback, 0, new ScriptedSmtpBehavior { EightBitMime = eightBitMime });
        var email = Compose(raw);

        var result = await SendAsync(server, email);

        Assert.Equal(AttemptOutcomeKind.Delivered, Assert.Single(result.Outcomes).Kind);
        var data = Assert.Single(server.Messages).Data;
        Assert.All(data, c => Assert.True(c < 128, $"8-bit character U+{(int)c:X4} on the wire"));
        Assert.DoesNotContain(server.Transcript, line => line.Contains("BODY=8BITMIME", StringComparison.Ordinal) || line.Contains("SMTPUTF8", StringComparison.Ordinal));
        var received = MimeMessage.Load(new MemoryStream(System.Text.Encoding.ASCII.GetBytes(data)));
        Assert.Equal("Schöne Grüße aus Köln", received.TextBody?.Trim());
    }

    [Fact(Timeout = Timeout)]
    public async Task Send_Utf8Headers_ToServerWithSmtpUtf8_DeclaresSmtpUtf8AndKeepsTheText()
    {
        await using var server = ScriptedSmtpServer.Start(IPAddress.Loopback, 0, new ScriptedSmtpBehavior { SmtpUtf8 = true });

        var result = await SendAsync(server, Compose(Utf8Headers));

        Assert.All(result.Outcomes, o => Assert.Equal(AttemptOutcomeKind.Delivered, o.Kind));
        var mailFrom = Assert.Single(server.Transcript, line => line.StartsWith("C: MAIL FROM:", StringComparison.Ordinal));
        Assert.Contains(" SMTPUTF8", mailFrom, StringComparison.Ordinal);
        Assert.Contains("Subject: Grüße aus Köln\r\n", Assert.Single(server.Messages).Data, StringComparison.Ordinal);
    }

    [Theory(Timeout = Timeout)]
    [InlineData(false, true)]
    [InlineData(true, false)]
    public async Task Send_Utf8Headers_ToServerWithoutSmtpUtf8And8BitMime_FailsEveryRecipientWith567_SendingNothing(bool smtpUtf8, bool eightBitMime)
    {
        await using var server = ScriptedSmtpServer.Start(IPAddress.Loopback, 0, new ScriptedSmtpBehavior { SmtpUtf8 = smtpUtf8, EightBitMime = eightBitMime });

        var result = await SendAsync(server, Compose(Utf8Headers));

        Assert.Equal(2, result.Outcomes.Count);
        Assert.All(result.Outcomes, o =>
        {
            Assert.Equal((AttemptOutcomeKind.Permanent, "5.6.7"), (o.Kind, o.EnhancedStatusCode));
            Assert.Contains("which the message needs for its UTF-8 header fields", o.Response, StringComparison.Ordinal);
        });
        Assert.DoesNotContain(server.Transcript, line => line.StartsWith("C: MAIL", StringComparison.Ordinal));
        Assert.Empty(server.Messages);
    }

    [Theory(Timeout = Timeout)]
    [InlineData(false, false, EightBitBody)]
    [InlineData(true, false, EightBitBody)]
    [InlineData(true, true, Utf8Headers)]
    [InlineData(true, true, Utf8AndEncodedWords)]
    public async Task Send_SignedMessage_ArrivesAsTheSignedOctets_AndVerifies(bool eightBitMime, bool smtpUtf8, string raw)
    {
        await using var server = ScriptedSmtpServer.Start(IPAddress.Loopback, 0, new ScriptedSmtpBehavior { EightBitMime = eightBitMime, SmtpUtf8 = smtpUtf8 });
        var composer = DkimSigningTests.Composer(false, DkimSigningTests.RsaKey("client.mailstrom.test"), DkimSigningTests.EdKey("client.mailstrom.test"));
        var email = composer.Compose(ComposerFixture.ParseRaw(raw), Guid.NewGuid().ToString("N"));

        var result = await SendAsync(server, email);

        Assert.All(result.Outcomes, o => Assert.Equal(AttemptOutcomeKind.Delivered, o.Kind));
        var data = Assert.Single(server.Messages).Data;
        Assert.Equal(DkimCheck.Text(email.Content), data);
        var mailFrom = Assert.Single(server.Transcript, line => line.StartsWith("C: MAIL FROM:", StringComparison.Ordinal));
        Assert.Equal(smtpUtf8, mailFrom.Contains(" SMTPUTF8", StringComparison.Ordinal));
        var dns = new DkimCheck()
            .Publish("client.mailstrom.test", "rsa", DkimTestKey.Rsa2048.TxtRecord)
            .Publish("client.mailstrom.test", "ed", DkimTestKey.Ed25519Key.TxtRecord);
        var verdicts = DkimCheck.Verify(dns, Encoding.UTF8.GetBytes(data));
        Assert.Equal([DkimAlgorithms.Ed25519Sha256, DkimAlgorithms.RsaSha256], verdicts.Select(v => v.Tags["a"]).Order());
        Assert.All(verdicts, v => Assert.True(v.Valid));
    }

    private static ComposedEmail Compose(string raw) =>
        ComposerFixture.CreateComposer().Compose(ComposerFixture.ParseRaw(raw), Guid.NewGuid().ToString("N"));

    // As the delivery agent does it: the stored octets parsed again, the recipients as stored.
    private static Task<SmtpSessionResult> SendAsync(ScriptedSmtpServer server, ComposedEmail email)
    {
        var transaction = new SmtpTransaction(
            MimeMessage.Load(new MemoryStream(email.Content.ToArray())),
            email.EnvelopeFrom,
            [.. email.Recipients.Select(r => new BatchRecipient(r.Address, r.RequiresSmtpUtf8))]);
        return DeliveryTestData.Transport(DeliveryTestData.Options()).SendAsync(
            new SmtpEndpoint(Host, server.EndPoint.Address, server.EndPoint.Port, SmtpSecurity.Opportunistic), transaction, CancellationToken.None);
    }
}
