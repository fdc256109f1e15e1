using System.Text;
using Mailstrom.Composition;
using Mailstrom.Model;

namespace Mailstrom.Tests.Composition;

/// <summary>
/// The defaults of <see cref="LimitsOptions"/> are met by no real sender: messages at the edge of real use, each past
/// what an earlier, tighter default refused, compose at the defaults.
/// </summary>
public sealed class LimitsOptionsTests
{
    private const string Mixed = "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n--b1\r\n\r\nSee attached.\r\n";

    [Fact]
    public void Defaults_AcceptARawMessageToAThousandRecipients_NamedInBcc()
    {
        var bcc = string.Join(",\r\n ", Enumerable.Range(0, 999).Select(i => $"\"Firstname{i} Lastname{i}\" <firstname{i}.lastname{i}@subsidiary.example.com>"));

        var email = Compose("From: s@example.com\r\nTo: list@example.org\r\nBcc: " + bcc + "\r\nSubject: Newsletter\r\n\r\nHello.\r\n");

        Assert.Equal(1000, email.Recipients.Count);
    }

    [Fact]
    public void Defaults_AcceptTwentyReceivedMessagesForwardedAsAttachments_EachWithTheHeadersOfManyHops()
    {
        var email = ComposeWithAttachments(20, i =>
            $"Content-Type: message/rfc822\r\nContent-Disposition: attachment; filename=\"message{i}.eml\"\r\n\r\n{ReceivedMessage(i)}");

        Assert.Single(email.Recipients);
    }

    [Fact]
    public void Defaults_AcceptARawMessageWithTwoHundredAttachments()
    {
        var email = ComposeWithAttachments(200, i =>
            $"Content-Type: image/jpeg\r\nContent-Disposition: attachment; filename=\"page{i:000}.jpg\"\r\nContent-Transfer-Encoding: base64\r\n\r\n/9j/4AAQ");

        Assert.Single(email.Recipients);
    }

    [Fact]
    public void Defaults_AcceptAJsonRequestWithTwoHundredAttachments_ALongSubject_AndFiftyCustomHeaders()
    {
        var request = ComposerFixture.ValidRequest();
        request.Subject = string.Concat(Enumerable.Repeat("Réunion trimestrielle — ", 20));
        request.Headers = Enumerable.Range(0, 50).ToDictionary(i => $"X-Campaign-{i}", i => new string('v', 500));
        request.Attachments = [.. Enumerable.Range(0, 200).Select(i => new AttachmentRequest { FileName = $"page{i:000}.pdf", Content = "JVBERi0=" })];

        var email = ComposerFixture.CreateComposer().Compose(request, "limits1");

        Assert.Single(email.Recipients);
    }

    // A text part, then count attachments, each a MIME part as written (header fields, blank line, content).
    private static ComposedEmail ComposeWithAttachments(int count, Func<int, string> attachment) =>
        Compose("From: s@example.com\r\nTo: a@example.org\r\nSubject: Attached\r\n" + Mixed +
            string.Concat(Enumerable.Range(0, count).Select(i => "--b1\r\n" + attachment(i) + "\r\n")) + "--b1--\r\n");

    private static ComposedEmail Compose(string raw) =>
        ComposerFixture.CreateComposer().Compose(ComposerFixture.Parse(Encoding.UTF8.GetBytes(raw)), "limits1");

    // A message as a mailbox receives it through several relays and filters: 150 header fields, about 30 KB.
    private static string ReceivedMessage(int index)
    {
        var headers = new StringBuilder();
        for (var hop = 0; hop < 10; hop++)
        {
            headers.Append($"Received: from relay{hop}.example.net (relay{hop}.example.net [192.0.2.{hop}]) by mx{hop}.example.org with ESMTPS id {index}x{hop}; Tue, 01 Jan 2030 10:00:{hop:00} +0000\r\n");
            headers.Append($"ARC-Seal: i={hop + 1}; a=rsa-sha256; d=example.org; s=arc; cv=pass; b={new string('s', 300)}\r\n");
            headers.Append($"ARC-Message-Signature: i={hop + 1}; a=rsa-sha256; d=example.org; s=arc; h=from:to:subject; bh=abc=; b={new string('m', 300)}\r\n");
            headers.Append($"ARC-Authentication-Results: i={hop + 1}; mx{hop}.example.org; spf=pass; dkim=pass; dmarc=pass\r\n");
            headers.Append($"DKIM-Signature: v=1; a=rsa-sha256; d=example.net; s=s{hop}; h=from:to; bh=abc=; b={new string('d', 300)}\r\n");
        }

        for (var i = 0; i < 100; i++)
        {
            headers.Append($"X-Filter-Diagnostic-{i}: {new string('x', 150)}\r\n");
        }

        return headers + $"From: sender{index}@example.net\r\nTo: user@example.org\r\nSubject: Report {index}\r\n\r\nBody {index}.\r\n";
    }
}
