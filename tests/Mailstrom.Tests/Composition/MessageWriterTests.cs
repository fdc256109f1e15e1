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
}
