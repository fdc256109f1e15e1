using System.Text;
using Mailstrom.Composition;
using MimeKit;

namespace Mailstrom.Tests.Composition;

public sealed class MessageWriterTests
{
    private static MimeMessage Message(string text)
    {
        var message = new MimeMessage { MessageId = "fixed@example.net", Date = new DateTimeOffset(2030, 1, 2, 3, 4, 5, TimeSpan.Zero) };
        message.From.Add(new MailboxAddress("S", "s@example.com"));
        message.To.Add(new MailboxAddress("R", "r@example.org"));
        message.Body = new TextPart("plain") { Text = text };
        return message;
    }

    [Fact]
    public void Write_WhenUnderLimit_ReturnsWholeMessageWithCrlf()
    {
        var bytes = MessageWriter.Write(Message("hi\nthere"), international: false, maxBytes: 100_000).Content;

        var text = Encoding.ASCII.GetString(bytes);
        Assert.Contains("\r\n\r\nhi\r\nthere", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_WhenExactlyAtLimit_Accepts()
    {
        var size = MessageWriter.Write(Message("x"), international: false, maxBytes: 100_000).Content.Length;

        Assert.Equal(size, MessageWriter.Write(Message("x"), international: false, maxBytes: size).Content.Length);
    }

    [Fact]
    public void Write_WhenOneByteOverLimit_ThrowsTooLargeWithActualSize()
    {
        var size = MessageWriter.Write(Message("x"), international: false, maxBytes: 100_000).Content.Length;

        var error = Assert.Throws<EmailValidationException>(() => MessageWriter.Write(Message("x"), international: false, maxBytes: size - 1));

        Assert.Equal(ValidationErrorKind.TooLarge, error.Kind);
        Assert.Contains($"is {size} bytes", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Write_WhenLongLine_EncodesBodySoNoLineExceeds998()
    {
        var bytes = MessageWriter.Write(Message(new string('y', 5000)), international: false, maxBytes: 100_000).Content;

        Assert.All(Encoding.ASCII.GetString(bytes).Split("\r\n"), line => Assert.True(line.Length <= 998));
    }

    [Theory]
    [InlineData("Subject: plain ASCII", false)]
    [InlineData("Subject: =?utf-8?q?Gr=C3=BC=C3=9Fe?=", false)]
    [InlineData("Subject: Grüße", true)]
    [InlineData("X-Note: 你好", true)]
    public void Write_RequiresSmtpUtf8_ExactlyWhenTheWrittenHeadersHoldUtf8(string header, bool expected)
    {
        var message = ComposerFixture.ParseRaw($"From: s@example.com\nTo: r@example.org\n{header}\n\nGrüße im Text\n");

        var written = MessageWriter.Write(message, international: false, maxBytes: 100_000);

        Assert.Equal(expected, written.RequiresSmtpUtf8);
        Assert.DoesNotContain("Grüße im Text", Encoding.UTF8.GetString(written.Content), StringComparison.Ordinal);
    }

    [Fact]
    public void Write_WhenUtf8PartHeader_RequiresSmtpUtf8()
    {
        var message = ComposerFixture.ParseRaw("From: s@example.com\nTo: r@example.org\nContent-Type: multipart/mixed; boundary=b\n\n" +
            "--b\nContent-Disposition: attachment; filename=\"Übersicht.pdf\"\n\nx\n--b--\n");

        Assert.True(MessageWriter.Write(message, international: false, maxBytes: 100_000).RequiresSmtpUtf8);
    }

    [Fact]
    public void Write_WhenInternational_RequiresSmtpUtf8()
    {
        Assert.True(MessageWriter.Write(Message("x"), international: true, maxBytes: 100_000).RequiresSmtpUtf8);
    }
}
