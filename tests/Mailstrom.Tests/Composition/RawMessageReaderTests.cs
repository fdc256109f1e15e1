using Mailstrom.Composition;
using MimeKit;

namespace Mailstrom.Tests.Composition;

public sealed class RawMessageReaderTests
{
    [Fact]
    public void Read_RemovesBccHeader_KeepsItsRecipients()
    {
        var message = ComposerFixture.ParseRaw("From: s@example.com\nTo: a@example.org\nBcc: b@example.org\n\nbody\n");

        var draft = RawMessageReader.Read(message, new LimitsOptions { MaxRecipients = 10 });

        Assert.False(message.Headers.Contains(HeaderId.Bcc));
        Assert.Equal(["a@example.org", "b@example.org"], draft.Recipients.Select(r => r.Address));
    }

    [Fact]
    public void Read_WhenNoBody_AddsEmptyTextPart()
    {
        var message = ComposerFixture.ParseRaw("From: s@example.com\nTo: a@example.org\n\n");
        message.Body = null;

        RawMessageReader.Read(message, new LimitsOptions { MaxRecipients = 10 });

        Assert.IsType<TextPart>(message.Body);
    }

    [Fact]
    public void Read_WhenSenderInvalid_ThrowsOnSender()
    {
        var message = ComposerFixture.ParseRaw("From: s@example.com\nSender: x@intranet\nTo: a@example.org\n\nbody\n");

        var error = Assert.Throws<EmailValidationException>(() => RawMessageReader.Read(message, new LimitsOptions { MaxRecipients = 10 }));

        Assert.Equal("Sender", error.Field);
    }

    [Fact]
    public void Read_WhenRecipientLocalPartNonAscii_MarksInternational()
    {
        var message = ComposerFixture.ParseRaw("From: s@example.com\nTo: 用户@例子.广告\n\nbody\n");

        var draft = RawMessageReader.Read(message, new LimitsOptions { MaxRecipients = 10 });

        Assert.True(draft.International);
        Assert.True(Assert.Single(draft.Recipients).RequiresSmtpUtf8);
    }
}
