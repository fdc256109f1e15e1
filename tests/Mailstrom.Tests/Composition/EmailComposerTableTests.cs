using Mailstrom.Composition;
using Mailstrom.Model;

namespace Mailstrom.Tests.Composition;

/// <summary><see cref="EmailComposer"/> over JSON requests, as tables: each bad request refused naming its field, each good one composed.</summary>
public sealed class EmailComposerTableTests
{
    private const int TableMaxRecipients = 5;

    private static readonly string _label64 = new('a', 64);
    private static readonly string _longDomain = string.Join('.', Enumerable.Repeat(new string('d', 60), 5)) + ".com";
    private static readonly string _domain192 = new string('a', 63) + "." + new string('b', 63) + "." + new string('c', 60) + ".com";

    /// <summary>A bad request: how to spoil the valid request, and the exact field and a stable fragment of the error.</summary>
    public sealed record BadCase(string Name, Action<EmailRequest> Spoil, string Field, string Fragment)
    {
        public override string ToString() => Name;
    }

    /// <summary>A good request and the envelope recipients it yields (<c>address|utf8</c> for SMTPUTF8 ones).</summary>
    public sealed record GoodCase(string Name, Action<EmailRequest> Shape, string[] Recipients)
    {
        public override string ToString() => Name;
    }

    public static TheoryData<BadCase> BadRequests() =>
    [
        new("from missing", r => r.From = null, "from", "A sender address is required."),
        new("from empty", r => r.From = "", "from", "An address is required."),
        new("from whitespace", r => r.From = "   ", "from", "An address is required."),
        new("from not a mailbox", r => r.From = "not-an-address", "from", "not a valid RFC 5322 mailbox"),
        new("from list", r => r.From = "a@example.com, b@example.com", "from", "Exactly one mailbox"),
        new("from group", r => r.From = "team: a@example.com;", "from", "Exactly one mailbox"),
        new("from single-label domain", r => r.From = "sender@localhost", "from", "must be fully qualified"),
        new("from IP literal", r => r.From = "sender@[192.0.2.1]", "from", "IP-literal domain is not accepted"),
        new("from display name with bell", r => r.From = "Bad\u0007Name <a@example.com>", "from", "line breaks or control characters"),
        new("no recipients", r => r.To = [], "to", "At least one recipient (to, cc or bcc) is required."),
        new("null recipient lists", r => r.To = null, "to", "At least one recipient (to, cc or bcc) is required."),
        new("to empty entry", r => r.To = [""], "to[0]", "An address is required."),
        new("to null entry", r => r.To = ["ok@example.org", null!], "to[1]", "An address is required."),
        new("to second bad", r => r.To = ["ok@example.org", "bad"], "to[1]", "not a valid RFC 5322 mailbox"),
        new("to missing local part", r => r.To = ["@example.org"], "to[0]", "not a valid RFC 5322 mailbox"),
        new("to missing domain", r => r.To = ["user@"], "to[0]", "not a valid RFC 5322 mailbox"),
        new("to space in domain", r => r.To = ["user@bad domain.org"], "to[0]", "not a valid RFC 5322 mailbox"),
        new("to double dot local", r => r.To = ["a..b@example.org"], "to[0]", "not a valid RFC 5322 mailbox"),
        new("to header injection", r => r.To = ["a@example.org\r\nBcc: x@example.net"], "to[0]", "line breaks or control characters"),
        new("to list in one entry", r => r.To = ["a@example.org, b@example.org"], "to[0]", "Exactly one mailbox"),
        new("to leading hyphen label", r => r.To = ["user@-example.org"], "to[0]", "not a valid host name"),
        new("to underscore in domain", r => r.To = ["user@exa_mple.org"], "to[0]", "not a valid host name"),
        new("to numeric top-level", r => r.To = ["user@example.123"], "to[0]", "last label is numeric"),
        new("to dotted-quad domain", r => r.To = ["user@192.0.2.1"], "to[0]", "last label is numeric"),
        new("to 64-char label", r => r.To = ["user@" + _label64 + ".org"], "to[0]", "not a valid host name"),
        new("to domain over 253", r => r.To = ["user@" + _longDomain], "to[0]", "longer than 253 characters"),
        new("to local part over 64", r => r.To = [new string('l', 65) + "@example.org"], "to[0]", "longer than 64 octets"),
        new("to address over 254", r => r.To = [_label64 + "@" + _domain192], "to[0]", "longer than 254 octets"),
        new("to encoded CRLF in name", r => r.To = ["=?utf-8?q?Jo=0D=0Ae?= <a@example.org>"], "to[0]", "display name must not contain"),
        new("to single-label", r => r.To = ["user@intranet"], "to[0]", "must be fully qualified"),
        new("cc single-label", r => r.Cc = ["x@y"], "cc[0]", "must be fully qualified"),
        new("bcc empty brackets", r => r.Bcc = ["a@example.org", "b@example.org", "<>"], "bcc[2]", "not a valid RFC 5322 mailbox"),
        new("bcc IP literal", r => r.Bcc = ["user@[IPv6:2001:db8::1]"], "bcc[0]", "IP-literal domain is not accepted"),
        new("replyTo bad", r => r.ReplyTo = ["nope"], "replyTo[0]", "not a valid RFC 5322 mailbox"),
        new("too many recipients", r => { r.To = ["1@example.org", "2@example.org", "3@example.org"]; r.Cc = ["4@example.org", "5@example.org", "6@example.org"]; }, "cc[2]", "Too many recipients: at most 5"),
        new("subject CRLF", r => r.Subject = "Hi\r\nBcc: x@example.net", "subject", "line breaks or control characters"),
        new("subject NUL", r => r.Subject = "Hi\0", "subject", "line breaks or control characters"),
        new("header value CRLF", r => r.Headers = new Dictionary<string, string> { ["X-Tag"] = "a\r\nBcc: x@example.net" }, "headers.X-Tag", "line breaks or control characters"),
        new("header value bare LF", r => r.Headers = new Dictionary<string, string> { ["X-Tag"] = "a\nb" }, "headers.X-Tag", "line breaks or control characters"),
        new("header name with space", r => r.Headers = new Dictionary<string, string> { ["X Tag"] = "v" }, "headers.X Tag", "printable ASCII"),
        new("header name with colon", r => r.Headers = new Dictionary<string, string> { ["X:Tag"] = "v" }, "headers.X:Tag", "printable ASCII"),
        new("header name non-ASCII", r => r.Headers = new Dictionary<string, string> { ["X-Grüße"] = "v" }, "headers.X-Grüße", "printable ASCII"),
        new("header name empty", r => r.Headers = new Dictionary<string, string> { [""] = "v" }, "headers.", "A header name is required."),
        new("header Bcc reserved", r => r.Headers = new Dictionary<string, string> { ["Bcc"] = "x@example.net" }, "headers.Bcc", "is set by Mailstrom"),
        new("header message-id reserved", r => r.Headers = new Dictionary<string, string> { ["message-id"] = "<a@example.net>" }, "headers.message-id", "is set by Mailstrom"),
        new("header Date reserved", r => r.Headers = new Dictionary<string, string> { ["Date"] = "today" }, "headers.Date", "is set by Mailstrom"),
        new("header Content-Type reserved", r => r.Headers = new Dictionary<string, string> { ["Content-Type"] = "text/html" }, "headers.Content-Type", "is set by Mailstrom"),
        new("header CTE reserved", r => r.Headers = new Dictionary<string, string> { ["Content-Transfer-Encoding"] = "8bit" }, "headers.Content-Transfer-Encoding", "is set by Mailstrom"),
        new("header MIME-Version reserved", r => r.Headers = new Dictionary<string, string> { ["MIME-Version"] = "2.0" }, "headers.MIME-Version", "is set by Mailstrom"),
        new("header value too long", r => r.Headers = new Dictionary<string, string> { ["X-Long"] = new string('v', 999) }, "headers.X-Long", "longer than 998 characters"),
        new("header value null", r => r.Headers = new Dictionary<string, string> { ["X-Null"] = null! }, "headers.X-Null", "A header value is required"),
        new("too many headers", r => r.Headers = Enumerable.Range(0, 1001).ToDictionary(i => $"X-H{i}", _ => "v"), "headers", "At most 1000 custom headers"),
        new("attachment null", r => r.Attachments = [null!], "attachments[0]", "An attachment object is required."),
        new("attachment no file name", r => r.Attachments = [new() { Content = "AA==" }], "attachments[0].fileName", "file name is required"),
        new("attachment path file name", r => r.Attachments = [new() { FileName = "../etc/passwd", Content = "AA==" }], "attachments[0].fileName", "without a path"),
        new("attachment CRLF file name", r => r.Attachments = [new() { FileName = "a\r\nb.txt", Content = "AA==" }], "attachments[0].fileName", "line breaks or control characters"),
        new("attachment bad base64", r => r.Attachments = [new() { FileName = "a.bin", Content = "AA==" }, new() { FileName = "b.bin", Content = "%%% not base64" }], "attachments[1].content", "not valid base64"),
        new("attachment no content", r => r.Attachments = [new() { FileName = "a.bin" }], "attachments[0].content", "content (base64) is required"),
        new("attachment bad content type", r => r.Attachments = [new() { FileName = "a.bin", ContentType = "not a type", Content = "AA==" }], "attachments[0].contentType", "not a valid MIME type"),
        new("attachment multipart type", r => r.Attachments = [new() { FileName = "a.bin", ContentType = "multipart/mixed", Content = "AA==" }], "attachments[0].contentType", "cannot have a multipart"),
    ];

    public static TheoryData<GoodCase> GoodRequests() =>
    [
        new("plain", _ => { }, ["rcpt@example.org"]),
        new("display name, domain lower-cased", r => r.To = ["\"Rcpt Person\" <Rcpt@Example.ORG>"], ["Rcpt@example.org"]),
        new("to, cc and bcc in order", r => { r.To = ["a@example.org"]; r.Cc = ["b@example.net"]; r.Bcc = ["c@example.com"]; }, ["a@example.org", "b@example.net", "c@example.com"]),
        new("duplicates across lists ignore case", r => { r.To = ["A@example.org", "b@example.org"]; r.Cc = ["a@EXAMPLE.org"]; r.Bcc = ["B@Example.Org", "c@example.org"]; }, ["A@example.org", "b@example.org", "c@example.org"]),
        new("bcc only", r => { r.To = null; r.Bcc = ["hidden@example.org"]; }, ["hidden@example.org"]),
        new("cc only", r => { r.To = []; r.Cc = ["copy@example.org"]; }, ["copy@example.org"]),
        new("IDN domain to punycode", r => r.To = ["a@bücher.de"], ["a@xn--bcher-kva.de"]),
        new("upper-case IDN domain", r => r.To = ["a@BÜCHER.DE"], ["a@xn--bcher-kva.de"]),
        new("Chinese mailbox needs SMTPUTF8", r => r.To = ["用户@例子.广告"], ["用户@xn--fsqu00a.xn--4rr70v|utf8"]),
        new("quoted local part", r => r.To = ["\"john doe\"@example.org"], ["\"john doe\"@example.org"]),
        new("plus tag and deep domain", r => r.To = ["x+tag@mx-1.mail.example.co.uk"], ["x+tag@mx-1.mail.example.co.uk"]),
        new("exactly the recipient limit", r => r.To = ["1@example.org", "2@example.org", "3@example.org", "4@example.org", "5@example.org", "1@example.org"], ["1@example.org", "2@example.org", "3@example.org", "4@example.org", "5@example.org"]),
        new("html only, custom headers, attachment", r =>
        {
            r.Text = null;
            r.Html = "<p>Hi</p>";
            r.Headers = new Dictionary<string, string> { ["X-Campaign"] = "spring\tsale", ["List-Unsubscribe"] = "<mailto:u@example.com>" };
            r.Attachments = [new() { FileName = "report.pdf", ContentType = "application/pdf", Content = "JVBERi0=" }];
        }, ["rcpt@example.org"]),
        new("no body at all", r => { r.Text = null; r.Subject = null; }, ["rcpt@example.org"]),
    ];

    [Theory]
    [MemberData(nameof(BadRequests))]
    public void Compose_WhenRequestIsBad_ThrowsWithExactField(BadCase bad)
    {
        var request = ComposerFixture.ValidRequest();
        bad.Spoil(request);

        var error = Assert.Throws<EmailValidationException>(() => ComposerFixture.CreateComposer(TableMaxRecipients).Compose(request, "id1"));

        Assert.Equal(bad.Field, error.Field);
        Assert.Contains(bad.Fragment, error.Message, StringComparison.Ordinal);
        Assert.Equal(ValidationErrorKind.Invalid, error.Kind);
    }

    [Theory]
    [MemberData(nameof(GoodRequests))]
    public void Compose_WhenRequestIsGood_YieldsExpectedRecipients(GoodCase good)
    {
        var request = ComposerFixture.ValidRequest();
        good.Shape(request);

        var email = ComposerFixture.CreateComposer(TableMaxRecipients).Compose(request, "id1");

        var actual = email.Recipients.Select(r => r.RequiresSmtpUtf8 ? r.Address + "|utf8" : r.Address);
        Assert.Equal(good.Recipients, actual);
        Assert.All(email.Recipients, r => Assert.Equal(r.Address[(r.Address.LastIndexOf('@') + 1)..], r.Domain));
        Assert.Equal("sender@example.com", email.EnvelopeFrom);
    }

    [Fact]
    public void Table_HasAtLeastThirtyFiveBadAndEightGoodRows()
    {
        Assert.True(BadRequests().Count >= 35);
        Assert.True(GoodRequests().Count >= 8);
    }
}
