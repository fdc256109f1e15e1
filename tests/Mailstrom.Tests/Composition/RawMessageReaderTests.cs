using Mailstrom.Composition;
using MimeKit;

namespace Mailstrom.Tests.Composition;

public sealed class RawMessageReaderTests
{
    private const string Envelope = "From: s@example.com\nTo: a@example.org\n";
    private const string Body = "\nbody\n";
    private const string Mixed = "MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"b1\"\n\n";

    /// <summary>A raw message that must be refused: its octets, the field, a stable fragment of the error, and the kind.</summary>
    public sealed record BadRaw(string Name, byte[] Octets, string Field, string Fragment, ValidationErrorKind Kind = ValidationErrorKind.Invalid)
    {
        public override string ToString() => Name;
    }

    private static LimitsOptions Limits => new()
    {
        MaxRecipients = 10,
        MaxHeaders = 20,
        MaxHeaderBytes = 4096,
        MaxAttachments = 3,
        MaxMimeParts = 8,
        MaxMimeDepth = 4,
        MaxSubjectLength = 100,
    };

    public static TheoryData<BadRaw> BadMessages() =>
    [
        // Control characters in any header, as written or RFC 2047-encoded
        Bad("NUL in a custom header", Envelope + "X-Foo: a\0b\n" + Body, "X-Foo", "control characters"),
        Bad("bell in the subject", Envelope + "Subject: ding\u0007\n" + Body, "Subject", "control characters"),
        Bad("escape in a custom header", Envelope + "X-Term: \u001b[31mred\n" + Body, "X-Term", "control characters"),
        Bad("DEL in the subject", Envelope + "Subject: a\u007fb\n" + Body, "Subject", "control characters"),
        Bad("bare CR in a custom header", Envelope + "X-Foo: a\rBcc: v@example.net\n" + Body, "X-Foo", "control characters"),
        Bad("C1 control in the subject", Envelope + "Subject: a\u0085b\n" + Body, "Subject", "as a mail reader decodes it"),
        Bad("encoded CRLF in the subject", Envelope + "Subject: =?utf-8?q?Hi=0D=0ABcc=3A_v=40example=2Enet?=\n" + Body, "Subject", "as a mail reader decodes it"),
        Bad("encoded NUL in a custom header", Envelope + "X-Foo: =?utf-8?b?YQBi?=\n" + Body, "X-Foo", "as a mail reader decodes it"),
        Bad("encoded LF in the From name", "From: =?utf-8?q?Boss=0A?= <s@example.com>\nTo: a@example.org\n" + Body, "From", "as a mail reader decodes it"),
        Bad("lower-case header name is named as written", "from: s@example.com\nto: a@example.org\nx-foo: a\0b\n" + Body, "x-foo", "control characters"),
        Bad("RFC 2231 NUL in a Content-Type parameter", Envelope + "Content-Type: text/plain; name*=utf-8''a%00b.txt\n" + Body, "Content-Type", "decodes to line breaks"),
        Bad("NUL in a part's Content-Disposition", Envelope + Mixed + "--b1\n\ntext\n--b1\nContent-Disposition: attachment; filename=\"a\0b.txt\"\n\nx\n--b1--\n",
            "parts[2].Content-Disposition", "control characters"),
        Bad("NUL in a part's custom header", Envelope + Mixed + "--b1\nX-Part: a\0b\n\ntext\n--b1--\n", "parts[1].X-Part", "control characters"),
        Bad("encoded CRLF in a part's Content-Description", Envelope + Mixed + "--b1\nContent-Description: =?utf-8?q?a=0D=0Ab?=\n\ntext\n--b1--\n",
            "parts[1].Content-Description", "as a mail reader decodes it"),
        Bad("NUL in an attached message's subject", Envelope + Mixed + "--b1\n\ntext\n--b1\nContent-Type: message/rfc822\n\nFrom: x@example.net\nSubject: a\0b\n\ninner\n--b1--\n",
            "parts[2].message.Subject", "control characters"),
        Bad("nested part header", Envelope + Mixed + "--b1\nContent-Type: multipart/alternative; boundary=b2\n\n--b2\n\nplain\n--b2\nX-Deep: a\u0001b\n\nhtml\n--b2--\n--b1--\n",
            "parts[1.2].X-Deep", "control characters"),
        Bad("not a header line", Envelope + "X Bad: v\n" + Body, "X Bad", "not a header field"),

        // Lines over 998 octets
        Bad("subject line of 999 octets", Envelope + "Subject: " + new string('s', 990) + "\n" + Body, "Subject", "999 octets"),
        Bad("folded line of 1000 octets", Envelope + "X-Long: a\n " + new string('l', 999) + "\n" + Body, "X-Long", "1000 octets"),
        Bad("part header line over 998", Envelope + Mixed + "--b1\nX-Long: " + new string('l', 1000) + "\n\ntext\n--b1--\n", "parts[1].X-Long", "octets"),

        // 8-bit header text that is not UTF-8
        BadLatin1("invalid UTF-8 in the subject", Envelope + "Subject: caf\u00e9\n" + Body, "Subject", "not valid UTF-8"),
        BadLatin1("overlong UTF-8 in a custom header", Envelope + "X-Foo: \u00c0\u00af\n" + Body, "X-Foo", "not valid UTF-8"),
        BadLatin1("lone continuation byte in a part header", Envelope + Mixed + "--b1\nContent-Description: \u0080\n\ntext\n--b1--\n", "parts[1].Content-Description", "not valid UTF-8"),

        // RFC 5322 §3.6: originator and destination fields once
        Bad("two From fields", "From: s@example.com\nFrom: t@example.com\nTo: a@example.org\n" + Body, "From", "only once"),
        Bad("two Subject fields", Envelope + "Subject: one\nSubject: two\n" + Body, "Subject", "only once"),
        Bad("two To fields", Envelope + "To: b@example.org\n" + Body, "To", "only once"),
        Bad("two Cc fields", Envelope + "Cc: b@example.org\nCc: c@example.org\n" + Body, "Cc", "only once"),
        Bad("two Bcc fields", Envelope + "Bcc: b@example.org\nBcc: c@example.org\n" + Body, "Bcc", "only once"),
        Bad("two Reply-To fields", Envelope + "Reply-To: b@example.org\nReply-To: c@example.org\n" + Body, "Reply-To", "only once"),
        Bad("two Sender fields", Envelope + "Sender: b@example.org\nSender: c@example.org\n" + Body, "Sender", "only once"),
        Bad("two Date fields", Envelope + "Date: Tue, 01 Jan 2030 10:00:00 +0000\nDate: Wed, 02 Jan 2030 10:00:00 +0000\n" + Body, "Date", "only once"),
        Bad("two Message-ID fields", Envelope + "Message-ID: <a@example.com>\nMessage-ID: <b@example.com>\n" + Body, "Message-ID", "only once"),
        Bad("two In-Reply-To fields", Envelope + "In-Reply-To: <a@example.com>\nIn-Reply-To: <b@example.com>\n" + Body, "In-Reply-To", "only once"),
        Bad("two References fields", Envelope + "References: <a@example.com>\nreferences: <b@example.com>\n" + Body, "references", "only once"),
        Bad("From with two mailboxes and no Sender", "From: s@example.com, t@example.com\nTo: a@example.org\n" + Body, "From", "needs a Sender"),
        Bad("From as a group", "From: Team: s@example.com;\nTo: a@example.org\n" + Body, "From", "not groups"),
        Bad("Sender with two mailboxes", Envelope + "Sender: b@example.org, c@example.org\n" + Body, "Sender", "exactly one mailbox"),

        // MIME fields once per header block
        Bad("two Content-Type fields", Envelope + "Content-Type: text/plain\nContent-Type: text/html\n" + Body, "Content-Type", "more than once"),
        Bad("two MIME-Version fields", Envelope + "MIME-Version: 1.0\nMIME-Version: 1.0\n" + Body, "MIME-Version", "more than once"),
        Bad("two Content-Transfer-Encoding fields in a part", Envelope + Mixed + "--b1\nContent-Transfer-Encoding: 7bit\nContent-Transfer-Encoding: base64\n\ntext\n--b1--\n",
            "parts[1].Content-Transfer-Encoding", "more than once"),
        Bad("two Content-Disposition fields in a part", Envelope + Mixed + "--b1\nContent-Disposition: attachment; filename=a.pdf\nContent-Disposition: attachment; filename=a.exe\n\nx\n--b1--\n",
            "parts[1].Content-Disposition", "more than once"),

        // Trace and transport fields
        Bad("Return-Path", Envelope + "Return-Path: <bounce@example.com>\n" + Body, "Return-Path", "trace or transport"),
        Bad("Received", "Received: from x by y; Tue, 01 Jan 2030 10:00:00 +0000\n" + Envelope + Body, "Received", "trace or transport"),
        Bad("DKIM-Signature", Envelope + "DKIM-Signature: v=1; a=rsa-sha256; d=example.com; s=s; b=abc\n" + Body, "DKIM-Signature", "trace or transport"),
        Bad("DomainKey-Signature", Envelope + "DomainKey-Signature: a=rsa-sha1; d=example.com\n" + Body, "DomainKey-Signature", "trace or transport"),
        Bad("ARC-Seal", Envelope + "ARC-Seal: i=1; a=rsa-sha256; cv=none; d=example.com\n" + Body, "ARC-Seal", "trace or transport"),
        Bad("ARC-Authentication-Results", Envelope + "ARC-Authentication-Results: i=1; mx.example.com; spf=pass\n" + Body, "ARC-Authentication-Results", "trace or transport"),
        Bad("Authentication-Results", Envelope + "Authentication-Results: mx.example.com; dkim=pass\n" + Body, "Authentication-Results", "trace or transport"),
        Bad("Received-SPF", Envelope + "Received-SPF: pass\n" + Body, "Received-SPF", "trace or transport"),
        Bad("Delivered-To", Envelope + "Delivered-To: a@example.org\n" + Body, "Delivered-To", "trace or transport"),
        Bad("Resent-From", Envelope + "Resent-From: r@example.com\n" + Body, "Resent-From", "trace or transport"),
        Bad("Resent-Bcc", Envelope + "Resent-Bcc: r@example.com\n" + Body, "Resent-Bcc", "trace or transport"),

        // Names that disguise
        Bad("right-to-left override in the From name", "From: \"Bank \u202Egnp.exe\" <s@example.com>\nTo: a@example.org\n" + Body, "From", "direction-changing"),
        Bad("zero-width space in a To name", "From: s@example.com\nTo: \"Pay\u200Bpal\" <a@example.org>\n" + Body, "To", "invisible"),
        Bad("encoded right-to-left override in a Cc name", Envelope + "Cc: =?utf-8?q?Eve=E2=80=AE?= <c@example.org>\n" + Body, "Cc", "direction-changing"),
        Bad("isolate in a Reply-To name", Envelope + "Reply-To: \"Help\u2066desk\" <r@example.org>\n" + Body, "Reply-To", "direction-changing"),
        Bad("right-to-left override in a group name", "From: s@example.com\nTo: Te\u202Eam: a@example.org;\n" + Body, "To", "direction-changing"),
        Bad("right-to-left override in a file name", Envelope + Mixed + "--b1\n\ntext\n--b1\nContent-Disposition: attachment; filename=\"invoice\u202Efdp.exe\"\n\nx\n--b1--\n",
            "parts[2].Content-Disposition", "direction-changing"),
        Bad("RFC 2231 right-to-left override in a file name", Envelope + Mixed + "--b1\nContent-Disposition: attachment; filename*=utf-8''invoice%E2%80%AEfdp.exe\n\nx\n--b1--\n",
            "parts[1].Content-Disposition", "direction-changing"),
        Bad("zero-width joiner in a Content-Type name", Envelope + Mixed + "--b1\nContent-Type: application/pdf; name=\"a\u200Db.pdf\"\n\nx\n--b1--\n",
            "parts[1].Content-Type", "invisible"),
        Bad("line separator in a file name", Envelope + Mixed + "--b1\nContent-Disposition: attachment; filename=\"a\u2028b.txt\"\n\nx\n--b1--\n",
            "parts[1].Content-Disposition", "invisible"),
        Bad("path in a file name", Envelope + Mixed + "--b1\nContent-Disposition: attachment; filename=\"../../etc/passwd\"\n\nx\n--b1--\n",
            "parts[1].Content-Disposition", "without a path"),

        // Message-ID and Date, kept as given
        Bad("Message-ID without angle brackets", Envelope + "Message-ID: id@example.com\n" + Body, "Message-ID", "not a valid msg-id"),
        Bad("Message-ID that is words", Envelope + "Message-ID: not an id\n" + Body, "Message-ID", "not a valid msg-id"),
        Bad("Message-ID with two ids", Envelope + "Message-ID: <a@example.com> <b@example.com>\n" + Body, "Message-ID", "not a valid msg-id"),
        Bad("Message-ID without a right side", Envelope + "Message-ID: <a@>\n" + Body, "Message-ID", "not a valid msg-id"),
        Bad("Date that is not a date", Envelope + "Date: yesterday\n" + Body, "Date", "not an RFC 5322 date-time"),

        // Addresses
        Bad("Reply-To with a single-label domain", Envelope + "Reply-To: r@intranet\n" + Body, "Reply-To", "fully qualified"),
        Bad("Cc that is not an address list", Envelope + "Cc: ,,\n" + Body, "Cc", "not a valid address list"),

        // Limits
        Bad("subject over the length limit", Envelope + "Subject: " + new string('s', 60) + "\n " + new string('s', 60) + "\n" + Body, "Subject", "the limit is 100", ValidationErrorKind.TooLarge),
        Bad("too many top-level fields", Envelope + string.Concat(Enumerable.Range(0, 19).Select(i => $"X-H{i}: v\n")) + Body, "headers", "more than 20 fields"),
        Bad("too many fields in a part", Envelope + Mixed + "--b1\n" + string.Concat(Enumerable.Range(0, 21).Select(i => $"X-H{i}: v\n")) + "\ntext\n--b1--\n",
            "parts[1].headers", "more than 20 fields"),
        Bad("header bytes over the limit", Envelope + string.Concat(Enumerable.Range(0, 5).Select(i => $"X-H{i}: {new string('v', 900)}\n")) + Body,
            "headers", "the limit is 4096", ValidationErrorKind.TooLarge),
        Bad("header bytes over the limit in an attached message", Envelope + Mixed + "--b1\nContent-Type: message/rfc822\n\nFrom: x@example.net\n" +
            string.Concat(Enumerable.Range(0, 5).Select(i => $"X-H{i}: {new string('v', 900)}\n")) + "\ninner\n--b1--\n",
            "parts[1].message.headers", "the limit is 4096", ValidationErrorKind.TooLarge),
        Bad("too many MIME parts", Envelope + Mixed + string.Concat(Enumerable.Range(0, 8).Select(i => $"--b1\n\np{i}\n")) + "--b1--\n", "parts[8]", "more than 8 MIME parts"),
        Bad("nested too deep", Envelope + Nest(4), "parts[1.1.1.1]", "more than 4 deep"),
        Bad("too many attachments", Envelope + Mixed + string.Concat(Enumerable.Range(0, 4).Select(i => $"--b1\nContent-Disposition: attachment; filename=f{i}.txt\n\nx\n")) + "--b1--\n",
            "parts[4]", "more than 3 attachments"),
    ];

    [Theory]
    [MemberData(nameof(BadMessages))]
    public void Read_WhenMessageBreaksARule_ThrowsNamingTheField(BadRaw bad)
    {
        var message = ComposerFixture.Parse(bad.Octets);

        var error = Assert.Throws<EmailValidationException>(() => RawMessageReader.Read(message, Limits));

        Assert.Equal((bad.Field, bad.Kind), (error.Field, error.Kind));
        Assert.Contains(bad.Fragment, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Table_HasAtLeastFiftyRows() => Assert.True(BadMessages().Count >= 50);

    [Theory]
    [InlineData("folded lines under 998", "X-Long: a\n " + "llll\n l")]
    [InlineData("valid UTF-8 subject", "Subject: Grüße aus Köln")]
    [InlineData("encoded-word subject", "Subject: =?utf-8?q?Gr=C3=BC=C3=9Fe?=")]
    [InlineData("tab in a value", "X-Tab: a\tb")]
    [InlineData("Resent-free list headers", "List-Unsubscribe: <mailto:u@example.com>")]
    [InlineData("emoji in a display name", "Cc: \"Team 🚀\" <c@example.org>")]
    [InlineData("Keywords twice", "Keywords: a\nKeywords: b")]
    [InlineData("From with two mailboxes and a Sender", "Sender: s@example.com")]
    [InlineData("empty Bcc", "Bcc:")]
    [InlineData("Message-ID with white space around it", "Message-ID:  <id.1@example.com> ")]
    [InlineData("Date without a weekday", "Date: 1 Jan 2030 10:00:00 +0000")]
    public void Read_WhenMessageIsFine_Accepts(string name, string headers)
    {
        var from = name.Contains("two mailboxes", StringComparison.Ordinal) ? "From: s@example.com, t@example.com\n" : "From: s@example.com\n";
        var message = ComposerFixture.Parse(ComposerFixture.Octets(from + "To: a@example.org\n" + headers + "\n" + Body));

        var draft = RawMessageReader.Read(message, Limits);

        Assert.Equal("a@example.org", draft.Recipients[0].Address);
    }

    [Fact]
    public void Read_WhenTheMessageAttachesAMessageWithItsOwnTraceFields_KeepsThem()
    {
        var raw = Envelope + Mixed + "--b1\n\nsee attached\n--b1\nContent-Type: message/rfc822\n\n" +
            "Received: from x by y; Tue, 01 Jan 2030 10:00:00 +0000\nFrom: x@example.net\nSubject: one\nSubject: two\n\ninner\n--b1--\n";

        var draft = RawMessageReader.Read(ComposerFixture.Parse(ComposerFixture.Octets(raw)), Limits);

        Assert.Single(draft.Recipients);
    }

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

    private static BadRaw Bad(string name, string raw, string field, string fragment, ValidationErrorKind kind = ValidationErrorKind.Invalid) =>
        new(name, ComposerFixture.Octets(raw), field, fragment, kind);

    private static BadRaw BadLatin1(string name, string raw, string field, string fragment) =>
        new(name, ComposerFixture.Octets(raw, latin1: true), field, fragment);

    // A body nested depth + 1 deep: multipart/mixed inside multipart/mixed ..., a text part at the bottom.
    private static string Nest(int depth)
    {
        var head = string.Concat(Enumerable.Range(0, depth).Select(i => $"Content-Type: multipart/mixed; boundary=n{i}\n\n--n{i}\n"));
        var tail = string.Concat(Enumerable.Range(0, depth).Reverse().Select(i => $"--n{i}--\n"));
        return "MIME-Version: 1.0\n" + head + "\ndeep\n" + tail;
    }
}
