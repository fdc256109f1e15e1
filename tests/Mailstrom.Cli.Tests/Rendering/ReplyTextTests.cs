using Mailstrom.Cli.Rendering;
using Mailstrom.Contracts;

namespace Mailstrom.Cli.Tests.Rendering;

public sealed class ReplyTextTests
{
    [Fact]
    public void Format_JoinsCodeEnhancedCodeAndText()
    {
        Assert.Equal("451 4.3.0 Try again later", ReplyText.Format(Recipient(451, "4.3.0", "Try again later")));
    }

    [Fact]
    public void Format_TextThatRepeatsTheEnhancedCode_ShowsItOnce()
    {
        Assert.Equal("550 5.1.1 No such user", ReplyText.Format(Recipient(550, "5.1.1", "5.1.1 No such user")));
    }

    [Fact]
    public void Format_NoReplyYet_IsEmpty()
    {
        Assert.Equal(string.Empty, ReplyText.Format(Recipient(null, null, null)));
    }

    [Fact]
    public void Format_ReasonWithoutServerReply_ShowsTheReason()
    {
        Assert.Equal("No MX or address records", ReplyText.Format(Recipient(null, null, "No MX or address records")));
    }

    [Fact]
    public void Format_MultiLineReply_IsOneLine()
    {
        Assert.Equal("550 5.7.1 Rejected see https://example.net/why",
            ReplyText.Format(Recipient(550, "5.7.1", "Rejected\r\nsee https://example.net/why")));
    }

    [Fact]
    public void Format_LongReply_IsCutWithAnEllipsis()
    {
        var text = ReplyText.Format(Recipient(550, "5.1.1", new string('x', 200)), maxLength: 30);

        Assert.Equal(30, text.Length);
        Assert.EndsWith("…", text, StringComparison.Ordinal);
        Assert.StartsWith("550 5.1.1 xxx", text, StringComparison.Ordinal);
    }

    private static RecipientStatusResponse Recipient(int? code, string? enhanced, string? response) =>
        new("bob@example.net", "Deferred", 1, null, null, "mx.example.net", code, enhanced, response, null);
}
