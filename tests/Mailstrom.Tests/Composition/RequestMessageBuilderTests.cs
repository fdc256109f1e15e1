using System.Text;
using Mailstrom.Composition;
using Mailstrom.Model;

namespace Mailstrom.Tests.Composition;

public sealed class RequestMessageBuilderTests
{
    private static LimitsOptions Limits => new() { MaxHeaders = 5, MaxHeaderBytes = 2048, MaxAttachments = 2, MaxSubjectLength = 50 };

    /// <summary>A bad request: how to spoil the valid request, the exact field, a stable fragment of the error, and the kind.</summary>
    public sealed record BadCase(string Name, Action<EmailRequest> Spoil, string Field, string Fragment, ValidationErrorKind Kind = ValidationErrorKind.Invalid)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<BadCase> BadRequests() =>
    [
        // Encoded-words that decode to control characters
        new("subject encoded CRLF", r => r.Subject = "=?utf-8?q?Hi=0D=0ABcc=3A_x=40example=2Enet?=", "subject", "control characters"),
        new("subject encoded NUL", r => r.Subject = "=?utf-8?b?SGkAIQ==?=", "subject", "control characters"),
        new("subject encoded C1", r => r.Subject = "=?iso-8859-1?q?a=85b?=", "subject", "control characters"),
        new("header value encoded LF", r => r.Headers = Map("X-Tag", "=?utf-8?q?a=0Ab?="), "headers.X-Tag", "RFC 2047-encoded"),
        new("header value encoded NUL", r => r.Headers = Map("X-Tag", "x =?utf-8?b?AA==?= y"), "headers.X-Tag", "RFC 2047-encoded"),

        // Trace and transport fields
        new("Return-Path", r => r.Headers = Map("Return-Path", "<x@example.com>"), "headers.Return-Path", "trace or transport"),
        new("Received", r => r.Headers = Map("Received", "from x by y"), "headers.Received", "trace or transport"),
        new("DKIM-Signature", r => r.Headers = Map("DKIM-Signature", "v=1; d=example.com"), "headers.DKIM-Signature", "trace or transport"),
        new("ARC-Seal", r => r.Headers = Map("ARC-Seal", "i=1"), "headers.ARC-Seal", "trace or transport"),
        new("ARC-Message-Signature", r => r.Headers = Map("arc-message-signature", "i=1"), "headers.arc-message-signature", "trace or transport"),
        new("Authentication-Results", r => r.Headers = Map("Authentication-Results", "mx; dkim=pass"), "headers.Authentication-Results", "trace or transport"),
        new("Resent-To", r => r.Headers = Map("Resent-To", "x@example.com"), "headers.Resent-To", "trace or transport"),
        new("Delivered-To", r => r.Headers = Map("Delivered-To", "x@example.com"), "headers.Delivered-To", "trace or transport"),

        // Fields once, lines short
        new("References twice in different case", r => r.Headers = new Dictionary<string, string> { ["References"] = "<a@example.com>", ["references"] = "<b@example.com>" },
            "headers.references", "given twice"),
        new("References with an unfoldable 994-character id", r => r.Headers = Map("References", "<" + new string('r', 980) + "@example.com>"), "headers.References", "octets"),
        new("In-Reply-To with an unfoldable token", r => r.Headers = Map("In-Reply-To", new string('g', 995)), "headers.In-Reply-To", "octets"),

        // Limits
        new("subject over the limit", r => r.Subject = new string('s', 51), "subject", "the limit is 50", ValidationErrorKind.TooLarge),
        new("too many headers", r => r.Headers = Enumerable.Range(0, 6).ToDictionary(i => $"X-H{i}", _ => "v"), "headers", "At most 5"),
        new("header bytes over the limit", r => r.Headers = Enumerable.Range(0, 3).ToDictionary(i => $"X-H{i}", _ => new string('v', 700)), "headers", "the limit is 2048",
            ValidationErrorKind.TooLarge),
        new("too many attachments", r => r.Attachments = [File("a.txt"), File("b.txt"), File("c.txt")], "attachments", "At most 2 attachments"),

        // Names that disguise
        new("from name with RLO", r => r.From = "\"Bank \u202Egnp.exe\" <sender@example.com>", "from", "direction-changing"),
        new("to name with zero-width space", r => r.To = ["\"Pay\u200Bpal\" <rcpt@example.org>"], "to[0]", "invisible"),
        new("cc name with encoded RLO", r => r.Cc = ["=?utf-8?q?Eve=E2=80=AE?= <c@example.org>"], "cc[0]", "direction-changing"),
        new("bcc name with BOM", r => r.Bcc = ["\"\uFEFFAdmin\" <b@example.org>"], "bcc[0]", "invisible"),
        new("replyTo name with isolate", r => r.ReplyTo = ["\"Help\u2066desk\" <h@example.org>"], "replyTo[0]", "direction-changing"),
        new("file name with RLO", r => r.Attachments = [File("invoice\u202Efdp.exe")], "attachments[0].fileName", "direction-changing"),
        new("file name with zero-width joiner", r => r.Attachments = [File("a\u200Db.pdf")], "attachments[0].fileName", "invisible"),
        new("file name with line separator", r => r.Attachments = [File("a\u2028b.pdf")], "attachments[0].fileName", "invisible"),
        new("file name with encoded CRLF", r => r.Attachments = [File("=?utf-8?q?a=0D=0Ab?=.txt")], "attachments[0].fileName", "control characters"),

        // Content types and attached messages
        new("content type parameter decoding to NUL", r => r.Attachments = [File("a.txt", "text/plain; charset=\"=?utf-8?b?AA==?=\"")], "attachments[0].contentType", "control characters"),
        new("RFC 2231 parameter decoding to CR", r => r.Attachments = [File("a.txt", "text/plain; x-note*=utf-8''a%0Db")], "attachments[0].contentType", "control characters"),
        new("attached message with a NUL in its subject", r => r.Attachments = [Message("From: x@example.net\r\nSubject: a\0b\r\n\r\ninner\r\n")],
            "attachments[0].content.Subject", "control characters"),
        new("attached message with an RLO file name inside", r => r.Attachments = [Message(
            "From: x@example.net\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\r\nhi\r\n--b\r\nContent-Disposition: attachment; filename=\"x\u202Efdp.exe\"\r\n\r\nx\r\n--b--\r\n")],
            "attachments[0].content.parts[2].Content-Disposition", "direction-changing"),
    ];

    [Theory]
    [MemberData(nameof(BadRequests))]
    public void Build_WhenRequestBreaksARule_ThrowsNamingTheField(BadCase bad)
    {
        var request = ComposerFixture.ValidRequest();
        bad.Spoil(request);

        var error = Assert.Throws<EmailValidationException>(() => RequestMessageBuilder.Build(request, Limits));

        Assert.Equal((bad.Field, bad.Kind), (error.Field, error.Kind));
        Assert.Contains(bad.Fragment, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Build_WhenAttachedMessageCarriesItsOwnTraceFields_KeepsThem()
    {
        var request = ComposerFixture.ValidRequest();
        request.Attachments = [Message("Received: from x by y; Tue, 01 Jan 2030 10:00:00 +0000\r\nFrom: x@example.net\r\nSubject: fwd\r\n\r\ninner\r\n")];

        var draft = RequestMessageBuilder.Build(request, Limits);

        Assert.Single(draft.Message.Attachments);
    }

    [Fact]
    public void Build_WhenAtEveryLimit_Accepts()
    {
        var request = ComposerFixture.ValidRequest();
        request.Subject = new string('s', 50);
        request.Headers = Enumerable.Range(0, 5).ToDictionary(i => $"X-H{i}", _ => "v");
        request.Attachments = [File("a.txt"), File("b.txt")];

        var draft = RequestMessageBuilder.Build(request, Limits);

        Assert.Equal(2, draft.Message.Attachments.Count());
    }

    private static Dictionary<string, string> Map(string name, string value) => new() { [name] = value };

    private static AttachmentRequest File(string fileName, string? contentType = null) =>
        new() { FileName = fileName, ContentType = contentType, Content = "YWJj" };

    private static AttachmentRequest Message(string raw) =>
        new() { FileName = "forwarded.eml", ContentType = "message/rfc822", Content = Convert.ToBase64String(Encoding.UTF8.GetBytes(raw)) };
}
