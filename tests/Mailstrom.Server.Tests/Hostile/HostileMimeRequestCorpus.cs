using System.Text;
using Mailstrom.Composition;

namespace Mailstrom.Server.Tests.Hostile;

/// <summary>
/// The hostile rows for what a message may carry, JSON and raw MIME alike: control characters in any header (also
/// RFC 2047-encoded, also in MIME parts and attached messages), header lines over 998 octets, RFC 5322 fields given
/// twice or not parsing (Message-ID), 8-bit header text that is not UTF-8, bodies that cannot be made 7-bit, trace and transport headers, names
/// with bidi or zero-width characters, and every count and size of <see cref="LimitsOptions"/> (at its default).
/// </summary>
internal static class HostileMimeRequestCorpus
{
    private const string Json = "application/json";
    private const string Rfc822 = "message/rfc822";
    private const string From = "\"from\":\"a@example.com\"";
    private const string To = "\"to\":[\"b@example.com\"]";
    private const string Envelope = "From: a@example.com\r\nTo: b@example.com\r\n";
    private const string Body = "\r\nbody\r\n";
    private const string Mixed = "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"b1\"\r\n\r\n";

    private static readonly LimitsOptions _defaults = new();

    /// <summary>Every row.</summary>
    public static IEnumerable<HostileRequest> Rows()
    {
        // Raw MIME: control characters in any header, top level and MIME parts
        yield return Raw("raw NUL in a custom header", Envelope + "X-Foo: a\0b\r\n" + Body, "X-Foo");
        yield return Raw("raw bell in the subject", Envelope + "Subject: ding\u0007\r\n" + Body, "Subject");
        yield return Raw("raw escape in a custom header", Envelope + "X-Term: \u001b[31mred\r\n" + Body, "X-Term");
        yield return Raw("raw DEL in the subject", Envelope + "Subject: a\u007fb\r\n" + Body, "Subject");
        yield return Raw("raw bare CR smuggling a Bcc", Envelope + "X-Foo: a\rBcc: victim@example.net\r\n" + Body, "X-Foo");
        yield return Raw("raw C1 control in the subject", Envelope + "Subject: a\u0085b\r\n" + Body, "Subject");
        yield return Raw("raw NUL in a part header", Envelope + Mixed + "--b1\r\nX-Part: a\0b\r\n\r\ntext\r\n--b1--\r\n", "parts[1].X-Part");
        yield return Raw("raw NUL in a part file name", Envelope + Mixed +
            "--b1\r\n\r\ntext\r\n--b1\r\nContent-Disposition: attachment; filename=\"a\0b.txt\"\r\n\r\nx\r\n--b1--\r\n", "parts[2].Content-Disposition");
        yield return Raw("raw NUL in an attached message's subject", Envelope + Mixed +
            "--b1\r\n\r\ntext\r\n--b1\r\nContent-Type: message/rfc822\r\n\r\nFrom: x@example.net\r\nSubject: a\0b\r\n\r\ninner\r\n--b1--\r\n", "parts[2].message.Subject");
        yield return Raw("raw control in a nested part header", Envelope + Mixed + "--b1\r\nContent-Type: multipart/alternative; boundary=b2\r\n\r\n" +
            "--b2\r\n\r\nplain\r\n--b2\r\nX-Deep: a\u0001b\r\n\r\nhtml\r\n--b2--\r\n--b1--\r\n", "parts[1.2].X-Deep");
        yield return Raw("raw line that is not a header", Envelope + "X Bad: v\r\n" + Body, "X Bad");

        yield return Raw("raw NUL in a header name", Envelope + "X-F\0o: v\r\n" + Body, "X-F?o");
        yield return Raw("raw 8-bit header name", Envelope + "X-Grüße: v\r\n" + Body, "X-Gr????e");
        yield return Raw("raw To name with an encoded NUL", "From: a@example.com\r\nTo: =?utf-8?b?AA==?= <b@example.com>\r\n" + Body, "To");
        yield return Raw("raw control in a multipart boundary", Envelope + "MIME-Version: 1.0\r\nContent-Type: multipart/mixed; boundary=\"a\u0001b\"\r\n\r\n--a\u0001b\r\n\r\nx\r\n--a\u0001b--\r\n", "Content-Type");
        yield return Raw("raw encoded CR in a part's content type parameter", Envelope + Mixed +
            "--b1\r\nContent-Type: text/plain; charset=\"=?utf-8?q?a=0Db?=\"\r\n\r\ntext\r\n--b1--\r\n", "parts[1].Content-Type");

        // Raw MIME: header lines over 998 octets
        yield return Raw("raw subject line of 999 octets", Envelope + "Subject: " + new string('s', 990) + "\r\n" + Body, "Subject");
        yield return Raw("raw folded line of 1000 octets", Envelope + "X-Long: a\r\n " + new string('l', 999) + "\r\n" + Body, "X-Long");
        yield return Raw("raw part header line over 998", Envelope + Mixed + "--b1\r\nX-Long: " + new string('l', 1000) + "\r\n\r\ntext\r\n--b1--\r\n", "parts[1].X-Long");

        // Raw MIME: RFC 5322 §3.6 fields once, MIME fields once per block
        yield return Raw("raw two From fields", "From: a@example.com\r\nFrom: c@example.com\r\nTo: b@example.com\r\n" + Body, "From");
        yield return Raw("raw two Subject fields", Envelope + "Subject: one\r\nSubject: two\r\n" + Body, "Subject");
        yield return Raw("raw two To fields", Envelope + "To: c@example.com\r\n" + Body, "To");
        yield return Raw("raw two Cc fields", Envelope + "Cc: c@example.com\r\nCc: d@example.com\r\n" + Body, "Cc");
        yield return Raw("raw two Bcc fields", Envelope + "Bcc: c@example.com\r\nBcc: d@example.com\r\n" + Body, "Bcc");
        yield return Raw("raw two Reply-To fields", Envelope + "Reply-To: c@example.com\r\nReply-To: d@example.com\r\n" + Body, "Reply-To");
        yield return Raw("raw two Sender fields", Envelope + "Sender: c@example.com\r\nSender: d@example.com\r\n" + Body, "Sender");
        yield return Raw("raw two Date fields", Envelope + "Date: Tue, 01 Jan 2030 10:00:00 +0000\r\nDate: Wed, 02 Jan 2030 10:00:00 +0000\r\n" + Body, "Date");
        yield return Raw("raw two Message-ID fields", Envelope + "Message-ID: <x@example.com>\r\nMessage-ID: <y@example.com>\r\n" + Body, "Message-ID");
        yield return Raw("raw two In-Reply-To fields", Envelope + "In-Reply-To: <x@example.com>\r\nIn-Reply-To: <y@example.com>\r\n" + Body, "In-Reply-To");
        yield return Raw("raw two References fields in different case", Envelope + "References: <x@example.com>\r\nreferences: <y@example.com>\r\n" + Body, "references");
        yield return Raw("raw From list without a Sender", "From: a@example.com, c@example.com\r\nTo: b@example.com\r\n" + Body, "From");
        yield return Raw("raw Sender with two mailboxes", Envelope + "Sender: c@example.com, d@example.com\r\n" + Body, "Sender");
        yield return Raw("raw Message-ID that is not a msg-id", Envelope + "Message-ID: not an id\r\n" + Body, "Message-ID");
        yield return Raw("raw two MIME-Version fields", Envelope + "MIME-Version: 1.0\r\nMIME-Version: 1.0\r\n" + Body, "MIME-Version");
        yield return Raw("raw two Content-Transfer-Encoding fields in a part", Envelope + Mixed +
            "--b1\r\nContent-Transfer-Encoding: 7bit\r\nContent-Transfer-Encoding: base64\r\n\r\ntext\r\n--b1--\r\n", "parts[1].Content-Transfer-Encoding");
        yield return Raw("raw From as a group", "From: Team: a@example.com;\r\nTo: b@example.com\r\n" + Body, "From");
        yield return Raw("raw two Content-Type fields", Envelope + "Content-Type: text/plain\r\nContent-Type: text/html\r\n" + Body, "Content-Type");
        yield return Raw("raw two Content-Disposition fields in a part", Envelope + Mixed +
            "--b1\r\nContent-Disposition: attachment; filename=a.pdf\r\nContent-Disposition: attachment; filename=a.exe\r\n\r\nx\r\n--b1--\r\n", "parts[1].Content-Disposition");

        // Raw MIME: 8-bit header text that is not UTF-8
        yield return RawOctets("raw Latin-1 byte in the subject", Octets(Envelope + "Subject: caf"), [0xE9], Octets("\r\n" + Body), "Subject");
        yield return RawOctets("raw overlong UTF-8 in a custom header", Octets(Envelope + "X-Foo: "), [0xC0, 0xAF], Octets("\r\n" + Body), "X-Foo");
        yield return RawOctets("raw UTF-8 surrogate in the subject", Octets(Envelope + "Subject: "), [0xED, 0xA0, 0x80], Octets("\r\n" + Body), "Subject");
        yield return RawOctets("raw lone continuation byte in a part header", Octets(Envelope + Mixed + "--b1\r\nContent-Description: "), [0x80],
            Octets("\r\n\r\ntext\r\n--b1--\r\n"), "parts[1].Content-Description");

        // Raw MIME: bodies that cannot be made 7-bit
        yield return Raw("raw 8-bit preamble", Envelope + Mixed + "Préambule\r\n--b1\r\n\r\ntext\r\n--b1--\r\n", "body");
        yield return Raw("raw 8-bit boundary", Envelope + "Content-Type: multipart/mixed; boundary=\"bö\"\r\n\r\n--bö\r\n\r\ntext\r\n--bö--\r\n", "Content-Type");
        yield return Raw("raw 8-bit signed content", Envelope +
            "Content-Type: multipart/signed; boundary=s1; protocol=\"application/pgp-signature\"; micalg=pgp-sha256\r\n\r\n" +
            "--s1\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\nGrüße\r\n" +
            "--s1\r\nContent-Type: application/pgp-signature\r\n\r\nsig\r\n--s1--\r\n", "parts[1]");

        // Trace and transport headers, JSON and raw MIME
        foreach (var name in new[] { "Return-Path", "Received", "DKIM-Signature", "ARC-Seal", "arc-message-signature", "Authentication-Results", "Resent-From", "Resent-Message-ID", "Delivered-To", "X-Original-To", "Envelope-To" })
        {
            yield return J($"JSON trace header {name}", $"{{{From},{To},\"headers\":{{\"{name}\":\"v\"}}}}", "headers." + name);
        }

        foreach (var name in new[] { "Return-Path", "Received", "DKIM-Signature", "ARC-Seal", "Authentication-Results", "Resent-To", "Resent-Bcc", "Delivered-To", "X-Original-To" })
        {
            yield return Raw($"raw trace header {name}", Envelope + name + ": v\r\n" + Body, name);
        }

        // Text that decodes (RFC 2047, RFC 2231) to control characters
        yield return J("JSON subject with an encoded CRLF", $"{{{From},{To},\"subject\":\"=?utf-8?q?Hi=0D=0ABcc=3A_v=40example=2Enet?=\"}}", "subject");
        yield return J("JSON subject with a C1 control", $"{{{From},{To},\"subject\":\"a\\u0085b\"}}", "subject");
        yield return J("JSON header value with an encoded C1 control", $"{{{From},{To},\"headers\":{{\"X-A\":\"=?iso-8859-1?q?=85?=\"}}}}", "headers.X-A");
        yield return J("JSON subject with an encoded NUL", $"{{{From},{To},\"subject\":\"=?utf-8?b?SGkAIQ==?=\"}}", "subject");
        yield return J("JSON header value with an encoded LF", $"{{{From},{To},\"headers\":{{\"X-A\":\"=?utf-8?q?a=0Ab?=\"}}}}", "headers.X-A");
        yield return J("JSON content type parameter decoding to NUL",
            Attachment("{\"fileName\":\"a.txt\",\"contentType\":\"text/plain; charset=\\\"=?utf-8?b?AA==?=\\\"\",\"content\":\"YWJj\"}"), "attachments[0].contentType");
        yield return Raw("raw subject with an encoded CRLF", Envelope + "Subject: =?utf-8?q?Hi=0D=0ABcc=3A_v=40example=2Enet?=\r\n" + Body, "Subject");
        yield return Raw("raw custom header with an encoded NUL", Envelope + "X-Foo: =?utf-8?b?YQBi?=\r\n" + Body, "X-Foo");
        yield return Raw("raw From name with an encoded LF", "From: =?utf-8?q?Boss=0A?= <a@example.com>\r\nTo: b@example.com\r\n" + Body, "From");
        yield return Raw("raw RFC 2231 parameter decoding to NUL", Envelope + "Content-Type: text/plain; name*=utf-8''a%00b.txt\r\n" + Body, "Content-Type");

        // Names that disguise: bidi controls, zero-width and other format characters
        yield return J("JSON from name with a right-to-left override", "{\"from\":\"\\\"Bank \\u202Egnp.exe\\\" <a@example.com>\"," + To + "}", "from");
        yield return J("JSON to name with a zero-width space", $"{{{From},\"to\":[\"\\\"Pay\\u200Bpal\\\" <b@example.com>\"]}}", "to[0]");
        yield return J("JSON cc name with an encoded override", $"{{{From},{To},\"cc\":[\"=?utf-8?q?Eve=E2=80=AE?= <c@example.com>\"]}}", "cc[0]");
        yield return J("JSON replyTo name with an isolate", $"{{{From},{To},\"replyTo\":[\"\\\"Help\\u2066desk\\\" <h@example.com>\"]}}", "replyTo[0]");
        yield return J("JSON bcc name with a byte order mark", $"{{{From},{To},\"bcc\":[\"\\\"\\uFEFFAdmin\\\" <d@example.com>\"]}}", "bcc[0]");
        yield return J("JSON file name with a right-to-left override", Attachment("{\"fileName\":\"invoice\\u202Efdp.exe\",\"content\":\"YWJj\"}"), "attachments[0].fileName");
        yield return J("JSON file name with a zero-width joiner", Attachment("{\"fileName\":\"a\\u200Db.pdf\",\"content\":\"YWJj\"}"), "attachments[0].fileName");
        yield return J("JSON file name with a line separator", Attachment("{\"fileName\":\"a\\u2028b.pdf\",\"content\":\"YWJj\"}"), "attachments[0].fileName");
        yield return J("JSON file name with an encoded CRLF", Attachment("{\"fileName\":\"=?utf-8?q?a=0D=0Ab?=.txt\",\"content\":\"YWJj\"}"), "attachments[0].fileName");
        yield return Raw("raw From name with a right-to-left override", "From: \"Bank \u202Egnp.exe\" <a@example.com>\r\nTo: b@example.com\r\n" + Body, "From");
        yield return Raw("raw To name with a zero-width space", "From: a@example.com\r\nTo: \"Pay\u200Bpal\" <b@example.com>\r\n" + Body, "To");
        yield return Raw("raw Reply-To name with a pop isolate", Envelope + "Reply-To: \"Help\u2069desk\" <h@example.com>\r\n" + Body, "Reply-To");
        yield return Raw("raw group name with a right-to-left override", "From: a@example.com\r\nTo: Te\u202Eam: b@example.com;\r\n" + Body, "To");
        yield return Raw("raw file name with a right-to-left override", Envelope + Mixed +
            "--b1\r\n\r\ntext\r\n--b1\r\nContent-Disposition: attachment; filename=\"invoice\u202Efdp.exe\"\r\n\r\nx\r\n--b1--\r\n", "parts[2].Content-Disposition");
        yield return Raw("raw RFC 2231 file name with a right-to-left override", Envelope + Mixed +
            "--b1\r\nContent-Disposition: attachment; filename*=utf-8''invoice%E2%80%AEfdp.exe\r\n\r\nx\r\n--b1--\r\n", "parts[1].Content-Disposition");
        yield return Raw("raw Reply-To name with a byte order mark", Envelope + "Reply-To: \"\uFEFFAdmin\" <h@example.com>\r\n" + Body, "Reply-To");
        yield return Raw("raw Sender name with a left-to-right embedding", "From: a@example.com\r\nSender: \"IT\u202A desk\" <s@example.com>\r\nTo: b@example.com\r\n" + Body, "Sender");
        yield return Raw("raw RFC 2047 file name with a right-to-left override", Envelope + Mixed +
            "--b1\r\nContent-Disposition: attachment; filename=\"=?utf-8?q?invoice=E2=80=AEfdp.exe?=\"\r\n\r\nx\r\n--b1--\r\n", "parts[1].Content-Disposition");
        yield return Raw("raw file name with a path", Envelope + Mixed +
            "--b1\r\nContent-Disposition: attachment; filename=\"../../etc/passwd\"\r\n\r\nx\r\n--b1--\r\n", "parts[1].Content-Disposition");
        yield return Raw("raw file name of 256 characters", Envelope + Mixed +
            $"--b1\r\nContent-Disposition: attachment; filename=\"{new string('f', 256)}\"\r\n\r\nx\r\n--b1--\r\n", "parts[1].Content-Disposition");
        yield return Raw("raw Content-Type name with a zero-width joiner", Envelope + Mixed +
            "--b1\r\nContent-Type: application/pdf; name=\"a\u200Db.pdf\"\r\n\r\nx\r\n--b1--\r\n", "parts[1].Content-Type");

        // Limits, at their defaults
        yield return J("JSON subject over MaxSubjectLength", $"{{{From},{To},\"subject\":\"{new string('s', _defaults.MaxSubjectLength + 1)}\"}}", "subject", 413);
        yield return J("JSON attachments over MaxAttachments",
            $"{{{From},{To},\"attachments\":[{string.Join(',', Enumerable.Range(0, _defaults.MaxAttachments + 1).Select(i => $"{{\"fileName\":\"f{i}.txt\",\"content\":\"YQ==\"}}"))}]}}",
            "attachments");
        yield return J("JSON headers over MaxHeaderBytes",
            $"{{{From},{To},\"headers\":{{{string.Join(',', Enumerable.Range(0, _defaults.MaxHeaders).Select(i => $"\"X-H{i}\":\"{new string('v', (_defaults.MaxHeaderBytes / _defaults.MaxHeaders) + 10)}\""))}}}}}",
            "headers", 413);
        yield return J("JSON References with an unfoldable id", $"{{{From},{To},\"headers\":{{\"References\":\"<{new string('r', 980)}@example.com>\"}}}}", "headers.References");
        yield return J("JSON header name given twice in different case", $"{{{From},{To},\"headers\":{{\"X-A\":\"1\",\"x-a\":\"2\"}}}}", "headers.x-a");
        yield return Raw("raw subject over MaxSubjectLength", Envelope + "Subject: " + new string('s', 600) + "\r\n " + new string('s', 600) + "\r\n" + Body, "Subject", 413);
        yield return Raw("raw encoded subject over MaxSubjectLength once decoded", Envelope + "Subject:" +
            string.Concat(Enumerable.Range(0, (_defaults.MaxSubjectLength / 20) + 1).Select(_ => " =?utf-8?q?" + new string('s', 20) + "?=\r\n")) + Body, "Subject", 413);
        yield return Raw("raw header fields over MaxHeaders", Envelope +
            string.Concat(Enumerable.Range(0, _defaults.MaxHeaders - 1).Select(i => $"X-H{i}: v\r\n")) + Body, "headers");
        yield return Raw("raw header block over MaxHeaderBytes", Envelope +
            string.Concat(Enumerable.Range(0, (_defaults.MaxHeaderBytes / 900) + 10).Select(i => $"X-H{i}: {new string('v', 900)}\r\n")) + Body, "headers", 413);
        yield return Raw("raw part header fields over MaxHeaders", Envelope + Mixed + "--b1\r\n" +
            string.Concat(Enumerable.Range(0, _defaults.MaxHeaders + 1).Select(i => $"X-H{i}: v\r\n")) + "\r\ntext\r\n--b1--\r\n", "parts[1].headers");
        yield return Raw("raw MIME parts over MaxMimeParts", Envelope + Mixed +
            string.Concat(Enumerable.Range(0, _defaults.MaxMimeParts).Select(_ => "--b1\r\n\r\nx\r\n")) + "--b1--\r\n", $"parts[{_defaults.MaxMimeParts}]");
        yield return Raw("raw nesting over MaxMimeDepth", Envelope + Nest(_defaults.MaxMimeDepth),
            $"parts[{string.Join('.', Enumerable.Repeat(1, _defaults.MaxMimeDepth))}]");
        yield return Raw("raw attachments over MaxAttachments", Envelope + Mixed +
            string.Concat(Enumerable.Range(0, _defaults.MaxAttachments + 1).Select(i => $"--b1\r\nContent-Disposition: attachment; filename=f{i}.txt\r\n\r\nx\r\n")) + "--b1--\r\n",
            $"parts[{_defaults.MaxAttachments + 1}]");
    }

    private static HostileRequest J(string name, string json, string field, int status = 400) => new(name, Json, Octets(json), status, field);

    private static HostileRequest Raw(string name, string message, string field, int status = 400) => new(name, Rfc822, Octets(message), status, field);

    private static HostileRequest RawOctets(string name, byte[] head, byte[] octets, byte[] tail, string field) =>
        new(name, Rfc822, [.. head, .. octets, .. tail], 400, field);

    private static string Attachment(string attachment) => $"{{{From},{To},\"attachments\":[{attachment}]}}";

    private static byte[] Octets(string text) => Encoding.UTF8.GetBytes(text);

    // depth multiparts, each the only child of the one above, and a text part at the bottom (depth + 1 deep).
    private static string Nest(int depth) =>
        "MIME-Version: 1.0\r\n" +
        string.Concat(Enumerable.Range(0, depth).Select(i => $"Content-Type: multipart/mixed; boundary=n{i}\r\n\r\n--n{i}\r\n")) +
        "\r\ndeep\r\n" +
        string.Concat(Enumerable.Range(0, depth).Reverse().Select(i => $"--n{i}--\r\n"));
}
