using Mailstrom.EndToEnd.Tests.Infrastructure;
using Mailstrom.Testing.Rig;

namespace Mailstrom.EndToEnd.Tests;

/// <summary>Delivery to a real MTA: the rig's Postfix smtpd with STARTTLS, through MX records served by dnsmasq.</summary>
[RigTest]
public sealed class PostfixDeliveryTests
{
    [Theory]
    [InlineData(Engine.Native)]
    [InlineData(Engine.Durable)]
    public async Task Send_ToPostfixDomain_ArrivesOverTlsWithoutBccAndWithStoredMessageId(Engine engine)
    {
        await using var lab = MailstromLab.Create(engine);
        using var client = lab.CreateLabClient();
        var rig = MailstromLab.Rig;
        var to = $"to-{Guid.NewGuid():N}";
        var hidden = $"bcc-{Guid.NewGuid():N}";

        var id = await client.SendAsync(new
        {
            from = "Sender <sender@client.mailstrom.test>",
            to = new[] { $"{to}@{rig.PostfixDomain}" },
            bcc = new[] { $"{hidden}@{rig.PostfixDomain}" },
            subject = "Hello from Mailstrom",
            text = "A real delivery.",
        });
        var status = await client.WaitForCompletionAsync(id);

        Assert.Equal(2, status.CustomStatus.Recipients.Count);
        Assert.All(status.CustomStatus.Recipients, r =>
        {
            Assert.Equal("Delivered", r.Status);
            Assert.Equal(1, r.Attempts);
            Assert.Equal(250, r.SmtpCode);
            Assert.Equal("2.0.0", r.EnhancedStatusCode);
            Assert.Contains("queued as", r.Response, StringComparison.OrdinalIgnoreCase);
            Assert.Equal(rig.PostfixMxHost, r.MxHost);
            Assert.StartsWith("TLS", r.Tls, StringComparison.Ordinal);
        });
        Assert.Equal(2, status.Output!.Delivered);

        var messageId = status.Input.MessageId;
        var raw = await PostfixMailbox.WaitForMessageAsync(to, messageId);
        var stored = PostfixMailbox.Parse(raw);
        Assert.Equal(messageId, stored.MessageId);
        Assert.Null(stored.Headers[MimeKit.HeaderId.Bcc]);
        Assert.DoesNotContain(hidden, raw, StringComparison.Ordinal);
        Assert.Contains(stored.Headers, h => h.Id == MimeKit.HeaderId.Received && h.Value.Contains("ESMTPS", StringComparison.Ordinal));

        var blindCopy = await PostfixMailbox.WaitForMessageAsync(hidden, messageId);
        Assert.Null(PostfixMailbox.Parse(blindCopy).Headers[MimeKit.HeaderId.Bcc]);
    }

    [Theory]
    [InlineData(Engine.Native)]
    [InlineData(Engine.Durable)]
    public async Task Send_RawMime_ToPostfixDomain_IsDeliveredWithItsOwnMessageId(Engine engine)
    {
        await using var lab = MailstromLab.Create(engine);
        using var client = lab.CreateLabClient();
        var rig = MailstromLab.Rig;
        var to = $"raw-{Guid.NewGuid():N}";
        var messageId = $"{Guid.NewGuid():N}@client.mailstrom.test";
        var mime = $"From: sender@client.mailstrom.test\r\nTo: {to}@{rig.PostfixDomain}\r\nSubject: Raw\r\nMessage-ID: <{messageId}>\r\n\r\nRaw body.\r\n";

        var id = await client.SendRawAsync(mime);
        var status = await client.WaitForCompletionAsync(id);

        Assert.Equal("Delivered", Assert.Single(status.CustomStatus.Recipients).Status);
        Assert.Equal(messageId, status.Input.MessageId);
        await PostfixMailbox.WaitForMessageAsync(to, messageId);
    }

    [Theory]
    [InlineData(Engine.Native)]
    [InlineData(Engine.Durable)]
    public async Task Send_RawMimeWithUtf8HeadersAndAn8BitBodyWithoutMime_ToPostfix_ArrivesWithSmtpUtf8_ReadingAsSent(Engine engine)
    {
        await using var lab = MailstromLab.Create(engine);
        using var client = lab.CreateLabClient();
        var to = $"utf8-{Guid.NewGuid():N}";
        var messageId = $"{Guid.NewGuid():N}@client.mailstrom.test";
        var mime = $"From: Jürgen <sender@client.mailstrom.test>\r\nTo: {to}@{MailstromLab.Rig.PostfixDomain}\r\nSubject: Grüße aus Köln\r\n" +
            $"Message-ID: <{messageId}>\r\n\r\nSchöne Grüße.\r\n";

        var id = await client.SendRawAsync(mime);
        var status = await client.WaitForCompletionAsync(id);

        Assert.Equal("Delivered", Assert.Single(status.CustomStatus.Recipients).Status);
        var raw = await PostfixMailbox.WaitForMessageAsync(to, messageId);
        var stored = PostfixMailbox.Parse(raw);
        Assert.Contains("Subject: Grüße aus Köln\n", raw, StringComparison.Ordinal);
        Assert.Contains(stored.Headers, h => h.Id == MimeKit.HeaderId.Received && h.Value.Contains("UTF8SMTPS", StringComparison.Ordinal));
        Assert.Equal("Grüße aus Köln", stored.Subject);
        Assert.Equal((new Version(1, 0), "utf-8"), (stored.MimeVersion, stored.Body?.ContentType.Charset));
        Assert.Equal("Schöne Grüße.", stored.TextBody?.Trim());
        Assert.DoesNotContain("Schöne", raw, StringComparison.Ordinal);
    }
}
