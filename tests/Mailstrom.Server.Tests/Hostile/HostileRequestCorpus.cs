using System.Text;
using Mailstrom.Composition;

namespace Mailstrom.Server.Tests.Hostile;

/// <summary>One bad <c>POST /api/emails</c> and the refusal it must get.</summary>
/// <param name="Name">What the request tries.</param>
/// <param name="ContentType">The Content-Type header, or <see langword="null"/> for none.</param>
/// <param name="Body">The raw body bytes.</param>
/// <param name="Status">The expected 4xx status.</param>
/// <param name="Field">The expected <c>field</c> member of the problem details.</param>
/// <param name="IdempotencyKey">An Idempotency-Key header to send, if any.</param>
public sealed record HostileRequest(string Name, string? ContentType, byte[] Body, int Status, string Field, string? IdempotencyKey = null);

/// <summary>
/// The corpus of hostile and broken requests: JSON syntax and types, missing and empty fields, malformed and oversized
/// addresses, CR/LF injection, invalid base64, bad content types, broken raw MIME, too many recipients, oversized bodies
/// and odd Unicode, plus what a message may carry (<see cref="HostileMimeRequestCorpus"/>). Every row must be refused
/// with its status and field, and store nothing.
/// </summary>
public static class HostileRequestCorpus
{
    /// <summary>The message limit the corpus app runs with (the JSON body limit is 4/3 of it plus 64 KiB).</summary>
    public const int MaxMessageBytes = 512 * 1024;

    /// <summary>The recipient limit the corpus app runs with.</summary>
    public const int MaxRecipients = 5;

    private const string Json = "application/json";
    private const string Rfc822 = "message/rfc822";
    private const string From = "\"from\":\"a@example.com\"";
    private const string To = "\"to\":[\"b@example.com\"]";

    /// <summary>Every row, by name.</summary>
    public static IReadOnlyDictionary<string, HostileRequest> All { get; } = Build().ToDictionary(r => r.Name, StringComparer.Ordinal);

    /// <summary>The row names, for a theory.</summary>
    public static TheoryData<string> Names => [.. All.Keys];

    private static IEnumerable<HostileRequest> Build()
    {
        // JSON syntax
        yield return J("empty body", "", "body");
        yield return J("whitespace only", "   \r\n ", "body");
        yield return J("lone open brace", "{", "body");
        yield return J("lone close brace", "}", "body");
        yield return J("array instead of object", "[]", "body");
        yield return J("null instead of object", "null", "body");
        yield return J("number instead of object", "42", "body");
        yield return J("string instead of object", "\"email\"", "body");
        yield return J("trailing comma", $"{{{From},{To},}}", "body");
        yield return J("comment", $"{{/* hi */{From},{To}}}", "body");
        yield return J("single-quoted names", "{'from':'a@example.com','to':['b@example.com']}", "body");
        yield return J("unquoted names", "{from:\"a@example.com\"}", "body");
        yield return J("two objects", $"{{{From},{To}}}{{}}", "body");
        yield return J("truncated inside a string", "{\"from\":\"a@exa", "from");
        yield return J("duplicate property", $"{{{From},\"from\":\"c@example.com\",{To}}}", "from");
        yield return J("nesting deeper than allowed", new string('[', 200) + new string(']', 200), "body");
        yield return J("nested object inside a header value", $"{{{From},{To},\"headers\":{{\"X-A\":{{\"b\":{{\"c\":1}}}}}}}}", "headers.X-A");

        // JSON types
        yield return J("from is a number", $"{{\"from\":42,{To}}}", "from");
        yield return J("from is an array", $"{{\"from\":[\"a@example.com\"],{To}}}", "from");
        yield return J("from is an object", $"{{\"from\":{{}},{To}}}", "from");
        yield return J("to is a string", $"{{{From},\"to\":\"b@example.com\"}}", "to");
        yield return J("to is an object", $"{{{From},\"to\":{{}}}}", "to");
        yield return J("to holds a number", $"{{{From},\"to\":[1]}}", "to[0]");
        yield return J("to holds null", $"{{{From},\"to\":[null]}}", "to[0]");
        yield return J("subject is a number", $"{{{From},{To},\"subject\":1}}", "subject");
        yield return J("subject is a boolean", $"{{{From},{To},\"subject\":true}}", "subject");
        yield return J("text is an array", $"{{{From},{To},\"text\":[]}}", "text");
        yield return J("headers is an array", $"{{{From},{To},\"headers\":[]}}", "headers");
        yield return J("header value is null", $"{{{From},{To},\"headers\":{{\"X-A\":null}}}}", "headers.X-A");
        yield return J("attachments is an object", $"{{{From},{To},\"attachments\":{{}}}}", "attachments");
        yield return J("attachment is null", $"{{{From},{To},\"attachments\":[null]}}", "attachments[0]");
        yield return J("attachment is a number", $"{{{From},{To},\"attachments\":[1]}}", "attachments[0]");
        yield return J("unknown property", $"{{{From},{To},\"bogus\":1}}", "bogus");
        yield return J("unknown property with a 10 KB name", $"{{{From},{To},\"{new string('p', 10_000)}\":1}}", new string('p', 256) + "...");

        // Missing or empty fields
        yield return J("empty object", "{}", "from");
        yield return J("from missing", $"{{{To}}}", "from");
        yield return J("from empty", $"{{\"from\":\"\",{To}}}", "from");
        yield return J("from blank", $"{{\"from\":\"   \",{To}}}", "from");
        yield return J("no recipients", $"{{{From}}}", "to");
        yield return J("empty to list", $"{{{From},\"to\":[]}}", "to");
        yield return J("empty to entry", $"{{{From},\"to\":[\"\"]}}", "to[0]");
        yield return J("blank cc entry", $"{{{From},{To},\"cc\":[\" \"]}}", "cc[0]");
        yield return J("bad bcc entry", $"{{{From},{To},\"bcc\":[\"nope\"]}}", "bcc[0]");
        yield return J("bad replyTo entry", $"{{{From},{To},\"replyTo\":[\"nope\"]}}", "replyTo[0]");
        yield return J("attachment without file name", $"{{{From},{To},\"attachments\":[{{\"content\":\"YWJj\"}}]}}", "attachments[0].fileName");
        yield return J("attachment without content", $"{{{From},{To},\"attachments\":[{{\"fileName\":\"a.txt\"}}]}}", "attachments[0].content");

        // Malformed and oversized addresses
        yield return Address("no at sign", "no-at-sign");
        yield return Address("nothing after the at sign", "a@");
        yield return Address("nothing before the at sign", "@example.com");
        yield return Address("single-label domain", "a@localhost");
        yield return Address("IP-literal domain", "a@[127.0.0.1]");
        yield return Address("empty domain label", "a@example..com");
        yield return Address("label starting with a hyphen", "a@-example.com");
        yield return Address("numeric top-level label", "a@example.123");
        yield return Address("two addresses in one entry", "a@example.com, c@example.com");
        yield return Address("group instead of a mailbox", "Team: a@example.com;");
        yield return Address("source route", "<@route.example.com:a@example.com>");
        yield return Address("local part of 65 octets", new string('l', 65) + "@example.com");
        yield return Address("domain label of 64 characters", "a@" + new string('d', 64) + ".com");
        yield return Address("domain over 253 characters", "a@" + string.Join('.', Enumerable.Repeat(new string('d', 60), 5)) + ".com");
        yield return Address("address over 254 octets", new string('l', 64) + "@" + string.Join('.', Enumerable.Repeat(new string('d', 62), 3)) + ".com");
        yield return Address("address of 10 KB", new string('x', 10_000) + "@example.com");

        // CR/LF injection
        yield return J("CRLF in subject", $"{{{From},{To},\"subject\":\"Hi\\r\\nBcc: victim@example.com\"}}", "subject");
        yield return J("bare LF in subject", $"{{{From},{To},\"subject\":\"Hi\\nX-Injected: 1\"}}", "subject");
        yield return J("bare CR in subject", $"{{{From},{To},\"subject\":\"Hi\\rX-Injected: 1\"}}", "subject");
        yield return J("CRLF in a header value", $"{{{From},{To},\"headers\":{{\"X-A\":\"v\\r\\nBcc: victim@example.com\"}}}}", "headers.X-A");
        yield return J("CRLF in a header name", $"{{{From},{To},\"headers\":{{\"X-A\\r\\nBcc\":\"v\"}}}}", "headers.X-A\r\nBcc");
        yield return J("colon in a header name", $"{{{From},{To},\"headers\":{{\"X-A:B\":\"v\"}}}}", "headers.X-A:B");
        yield return J("space in a header name", $"{{{From},{To},\"headers\":{{\"X A\":\"v\"}}}}", "headers.X A");
        yield return J("reserved header Bcc", $"{{{From},{To},\"headers\":{{\"Bcc\":\"victim@example.com\"}}}}", "headers.Bcc");
        yield return J("reserved header Content-Type", $"{{{From},{To},\"headers\":{{\"Content-Type\":\"text/html\"}}}}", "headers.Content-Type");
        yield return J("CRLF in the sender's display name", $"{{\"from\":\"\\\"Evil\\r\\nBcc: victim@example.com\\\" <a@example.com>\",{To}}}", "from");
        yield return J("LF in a recipient's display name", $"{{{From},\"to\":[\"Bob\\n <b@example.com>\"]}}", "to[0]");
        yield return J("CRLF in an attachment file name", Attachment("{\"fileName\":\"a\\r\\nX: y.txt\",\"content\":\"YWJj\"}"), "attachments[0].fileName");
        yield return J("path in an attachment file name", Attachment("{\"fileName\":\"../../etc/passwd\",\"content\":\"YWJj\"}"), "attachments[0].fileName");
        yield return J("CRLF in an attachment content type", Attachment("{\"fileName\":\"a.txt\",\"contentType\":\"text/plain\\r\\nX: y\",\"content\":\"YWJj\"}"), "attachments[0].contentType");
        yield return J("multipart attachment content type", Attachment("{\"fileName\":\"a.txt\",\"contentType\":\"multipart/mixed\",\"content\":\"YWJj\"}"), "attachments[0].contentType");

        // Invalid base64
        yield return J("base64 with symbols", Attachment("{\"fileName\":\"a.bin\",\"content\":\"***\"}"), "attachments[0].content");
        yield return J("base64 of a bad length", Attachment("{\"fileName\":\"a.bin\",\"content\":\"abc\"}"), "attachments[0].content");
        yield return J("base64 with a NUL", Attachment("{\"fileName\":\"a.bin\",\"content\":\"YWJj\\u0000\"}"), "attachments[0].content");
        yield return J("base64 with padding inside", Attachment("{\"fileName\":\"a.bin\",\"content\":\"YQ==YWJj\"}"), "attachments[0].content");

        // Odd Unicode
        yield return J("lone high surrogate in subject", $"{{{From},{To},\"subject\":\"x\\ud800y\"}}", "subject");
        yield return J("lone low surrogate in from", "{\"from\":\"\\udc00 <a@example.com>\"," + To + "}", "from");
        yield return Address("zero-width space in the domain", "a@exa\u200Bmple.com");
        yield return Address("zero-width joiner in the domain", "a@exa\u200Dmple.com");
        yield return Address("right-to-left override in the domain", "a@\u202Eexample.com");
        yield return Address("byte order mark in the domain", "a@example\uFEFF.com");
        yield return Address("NUL in the local part", "a\u0000b@example.com");
        yield return J("NUL in subject", $"{{{From},{To},\"subject\":\"a\\u0000b\"}}", "subject");
        yield return J("NUL in a header value", $"{{{From},{To},\"headers\":{{\"X-A\":\"a\\u0000b\"}}}}", "headers.X-A");
        yield return J("escape character in subject", $"{{{From},{To},\"subject\":\"\\u001b[31mred\"}}", "subject");
        yield return new HostileRequest("invalid UTF-8 byte in subject", Json, Concat(Bytes($"{{{From},{To},\"subject\":\""), [0xFF], Bytes("\"}")), 400, "subject");
        yield return new HostileRequest("overlong UTF-8 slash in subject", Json, Concat(Bytes($"{{{From},{To},\"subject\":\""), [0xC0, 0xAF], Bytes("\"}")), 400, "subject");

        // Bad content types
        yield return Typed("no content type", null);
        yield return Typed("text/plain", "text/plain");
        yield return Typed("JSON in UTF-16", "application/json; charset=utf-16");
        yield return Typed("form encoding", "application/x-www-form-urlencoded");
        yield return Typed("multipart form", "multipart/form-data; boundary=x");
        yield return Typed("garbage content type", "%%%");
        yield return Typed("near-miss media type", "application/jsonx");

        // Garbage and broken raw MIME
        yield return Raw("empty raw message", "", "body");
        yield return Raw("raw message without From", "To: b@example.com\r\nSubject: x\r\n\r\nbody\r\n", "From");
        yield return Raw("raw From that is not an address", "From: not an address\r\nTo: b@example.com\r\n\r\nbody\r\n", "From");
        yield return Raw("raw message without recipients", "From: a@example.com\r\nSubject: x\r\n\r\nbody\r\n", "To");
        yield return Raw("raw To with a single-label domain", "From: a@example.com\r\nTo: b@localhost\r\n\r\nbody\r\n", "To");
        yield return Raw("raw Cc with an IP literal", "From: a@example.com\r\nTo: b@example.com\r\nCc: c@[10.0.0.1]\r\n\r\nbody\r\n", "Cc");
        yield return Raw("raw Bcc with a zero-width space", "From: a@example.com\r\nTo: b@example.com\r\nBcc: c@exa\u200Bmple.com\r\n\r\nbody\r\n", "Bcc");
        yield return Raw("raw Sender that is not an address", "From: a@example.com\r\nSender: nobody\r\nTo: b@example.com\r\n\r\nbody\r\n", "Sender");
        yield return Raw("raw empty Message-ID", "From: a@example.com\r\nTo: b@example.com\r\nMessage-ID: <>\r\n\r\nbody\r\n", "Message-ID");
        yield return Raw("raw binary garbage", "\0\0\0\u0001\u0002\u0003\0\0", "body");
        yield return Raw("raw headers only garbage", "::::\r\n: :\r\n\r\n", "body");
        yield return new HostileRequest("raw overlong UTF-8 in To", Rfc822,
            Concat(Bytes("From: a@example.com\r\nTo: b@ex"), [0xC0, 0xAE], Bytes("ample.com\r\n\r\nbody\r\n")), 400, "To");
        yield return new HostileRequest("raw NUL byte in To", Rfc822,
            Concat(Bytes("From: a@example.com\r\nTo: b@ex"), [0x00], Bytes("ample.com\r\n\r\nbody\r\n")), 400, "To");
        yield return Raw("raw too many recipients", "From: a@example.com\r\nTo: " +
            string.Join(", ", Enumerable.Range(1, MaxRecipients + 1).Select(i => $"r{i}@example.com")) + "\r\n\r\nbody\r\n", "To");

        // Too many recipients
        yield return J("too many to", $"{{{From},\"to\":[{string.Join(',', Enumerable.Range(1, MaxRecipients + 1).Select(i => $"\"r{i}@example.com\""))}]}}", $"to[{MaxRecipients}]");
        yield return J("too many over to and cc", $"{{{From},\"to\":[\"r1@example.com\",\"r2@example.com\",\"r3@example.com\"],\"cc\":[\"r4@example.com\",\"r5@example.com\",\"r6@example.com\"]}}", "cc[2]");

        // Oversized
        yield return J("JSON body over the request limit", $"{{{From},{To},\"text\":\"{new string('x', (MaxMessageBytes / 3 * 4) + (64 * 1024))}\"}}", "body", 413);
        yield return Raw("raw message over the limit", "From: a@example.com\r\nTo: b@example.com\r\n\r\n" + new string('x', MaxMessageBytes + 1), "body", 413);
        yield return J("composed message over the limit", $"{{{From},{To},\"text\":\"{new string('x', MaxMessageBytes + 1)}\"}}", "body", 413);
        yield return J("custom headers one over MaxHeaders",
            $"{{{From},{To},\"headers\":{{{string.Join(',', Enumerable.Range(0, new LimitsOptions().MaxHeaders + 1).Select(i => $"\"X-H{i}\":\"v\""))}}}}}", "headers");
        yield return J("header value of 999 characters", $"{{{From},{To},\"headers\":{{\"X-Long\":\"{new string('v', 999)}\"}}}}", "headers.X-Long");
        yield return J("header name of 77 characters", $"{{{From},{To},\"headers\":{{\"X-{new string('n', 75)}\":\"v\"}}}}", "headers.X-" + new string('n', 75));
        yield return J("attachment file name of 256 characters", Attachment($"{{\"fileName\":\"{new string('f', 256)}\",\"content\":\"YWJj\"}}"), "attachments[0].fileName");

        // What a message may carry, JSON and raw MIME alike
        foreach (var row in HostileMimeRequestCorpus.Rows())
        {
            yield return row;
        }

        // Idempotency-Key
        yield return new HostileRequest("idempotency key with a space", Json, Bytes($"{{{From},{To}}}"), 400, "Idempotency-Key", "has space");
        yield return new HostileRequest("idempotency key of 257 characters", Json, Bytes($"{{{From},{To}}}"), 400, "Idempotency-Key", new string('k', 257));
    }

    private static HostileRequest J(string name, string json, string field, int status = 400) => new(name, Json, Bytes(json), status, field);

    private static HostileRequest Raw(string name, string message, string field, int status = 400) => new(name, Rfc822, Bytes(message), status, field);

    private static HostileRequest Address(string name, string address) =>
        new(name, Json, Bytes($"{{{From},\"to\":[{System.Text.Json.JsonSerializer.Serialize(address)}]}}"), 400, "to[0]");

    private static HostileRequest Typed(string name, string? contentType) =>
        new(name, contentType, Bytes($"{{{From},{To}}}"), 415, "Content-Type");

    private static string Attachment(string attachment) => $"{{{From},{To},\"attachments\":[{attachment}]}}";

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);

    private static byte[] Concat(params byte[][] parts) => [.. parts.SelectMany(p => p)];
}
