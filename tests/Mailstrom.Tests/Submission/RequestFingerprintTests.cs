using Mailstrom.Model;
using Mailstrom.Submission;
using MimeKit;

namespace Mailstrom.Tests.Submission;

public sealed class RequestFingerprintTests
{
    private static EmailRequest Request(Action<EmailRequest>? change = null)
    {
        var request = new EmailRequest
        {
            From = "sender@example.org",
            To = ["a@example.com", "b@example.com"],
            Subject = "Hello",
            Text = "Hi",
            Headers = new Dictionary<string, string> { ["X-A"] = "1", ["X-B"] = "2" },
            Attachments = [new AttachmentRequest { FileName = "a.txt", Content = "aGk=" }],
        };
        change?.Invoke(request);
        return request;
    }

    [Fact]
    public void Compute_SameEmail_IsTheSameFingerprint()
    {
        Assert.Equal(RequestFingerprint.Compute(Request()), RequestFingerprint.Compute(Request()));
    }

    [Fact]
    public void Compute_HeaderMapOrderAndAbsentVersusEmptyLists_DoNotMatter()
    {
        var reordered = Request(r =>
        {
            r.Headers = new Dictionary<string, string> { ["X-B"] = "2", ["X-A"] = "1" };
            r.Cc = [];
        });

        Assert.Equal(RequestFingerprint.Compute(Request()), RequestFingerprint.Compute(reordered));
    }

    public static TheoryData<string> Changes => new()
    {
        "from", "to order", "cc", "bcc", "reply-to", "subject", "text", "html", "header value", "header name",
        "attachment name", "attachment type", "attachment content", "text moved to html",
    };

    [Theory]
    [MemberData(nameof(Changes))]
    public void Compute_AnythingThatWouldBeSentDifferently_ChangesTheFingerprint(string change)
    {
        var changed = Request(r =>
        {
            switch (change)
            {
                case "from": r.From = "other@example.org"; break;
                case "to order": r.To = ["b@example.com", "a@example.com"]; break;
                case "cc": r.Cc = ["c@example.com"]; break;
                case "bcc": r.Bcc = ["c@example.com"]; break;
                case "reply-to": r.ReplyTo = ["c@example.com"]; break;
                case "subject": r.Subject = "Hello!"; break;
                case "text": r.Text = "Hi!"; break;
                case "html": r.Html = "<p>Hi</p>"; break;
                case "header value": r.Headers!["X-A"] = "3"; break;
                case "header name": r.Headers = new Dictionary<string, string> { ["X-C"] = "1", ["X-B"] = "2" }; break;
                case "attachment name": r.Attachments![0].FileName = "b.txt"; break;
                case "attachment type": r.Attachments![0].ContentType = "text/plain"; break;
                case "attachment content": r.Attachments![0].Content = "aG8="; break;
                case "text moved to html": r.Text = null; r.Html = "Hi"; break;
                default: throw new ArgumentOutOfRangeException(nameof(change));
            }
        });

        Assert.NotEqual(RequestFingerprint.Compute(Request()), RequestFingerprint.Compute(changed));
    }

    [Fact]
    public void Compute_MimeMessage_DependsOnItsBytes()
    {
        static MimeMessage Message(string subject) => MimeMessage.Load(new MemoryStream(System.Text.Encoding.ASCII.GetBytes(
            $"From: sender@example.org\r\nTo: a@example.com\r\nSubject: {subject}\r\nMessage-ID: <1@example.org>\r\n\r\nHi\r\n")));

        Assert.Equal(RequestFingerprint.Compute(Message("A")), RequestFingerprint.Compute(Message("A")));
        Assert.NotEqual(RequestFingerprint.Compute(Message("A")), RequestFingerprint.Compute(Message("B")));
    }
}
