using System.Globalization;
using System.Text;

namespace Mailstrom.Server.Tests.Hostile;

/// <summary>One hostile request as raw bytes on a socket, and the 4xx it must get.</summary>
/// <param name="Name">What the request tries.</param>
/// <param name="Bytes">The bytes sent, exactly.</param>
/// <param name="Status">The expected status: Kestrel's own (no body) or the app's (problem details).</param>
/// <param name="Field">The expected <c>field</c> of the app's problem details, when one is to blame.</param>
/// <param name="KestrelDrainError">
/// Kestrel logs its own error after the app's answer: draining a chunked body whose trailer it could not decode fails
/// again with the trailer's <see cref="InvalidOperationException"/> (RequestBodyDrainBodyReaderInvalidState). Nothing else
/// may be logged as an error.
/// </param>
public sealed record RawRequest(string Name, byte[] Bytes, int Status, string? Field = null, bool KestrelDrainError = false);

/// <summary>
/// Hostile requests that only a raw socket can send, to the real Kestrel server: broken chunked and Content-Length
/// framing, request smuggling shapes, malformed request lines and targets, malformed, oversized and duplicated header
/// fields, hosts the API does not serve, content types outside RFC 9110's grammar or the API's media types, methods and
/// paths the API does not route, bad query parameters and idempotency keys, and bodies over the limit. Every one must be
/// answered with its 4xx (never 5xx), store nothing and log no error. Slow, aborted and HTTP-version cases are in
/// <see cref="RawSocketTests"/>.
/// </summary>
public static class RawRequestCorpus
{
    /// <summary>The message limit the raw app runs with (the JSON body limit is 4/3 of it plus 64 KiB).</summary>
    public const int MaxMessageBytes = 64 * 1024;

    /// <summary>An id that is well formed and names no email.</summary>
    public const string UnknownId = "0123456789abcdef0123456789abcdef";

    private const string Host = "Host: localhost\r\n";
    private const string JsonType = "Content-Type: application/json\r\n";

    /// <summary>A valid email: any request that fails to refuse it would store it.</summary>
    private static readonly string _email = "{\"from\":\"a@example.com\",\"to\":[\"b@example.com\"],\"subject\":\"Hostile\",\"text\":\"x\"}";

    /// <summary>Every row, by name.</summary>
    public static IReadOnlyDictionary<string, RawRequest> All { get; } = Build().ToDictionary(r => r.Name, StringComparer.Ordinal);

    /// <summary>The row names, for a theory.</summary>
    public static TheoryData<string> Names => [.. All.Keys];

    private static IEnumerable<RawRequest> Build()
    {
        // Chunked framing
        yield return Chunked("chunk size that is not hex", "zz\r\n\r\n", 400);
        yield return Chunked("negative chunk size", "-5\r\nhello\r\n0\r\n\r\n", 400);
        yield return Chunked("chunk size overflowing 64 bits", "FFFFFFFFFFFFFFFFFFFF\r\nx\r\n0\r\n\r\n", 400);
        yield return Chunked("chunk size with a leading space", " 5\r\nhello\r\n0\r\n\r\n", 400);
        yield return Chunked("chunk data longer than its size", "3\r\n" + _email + "\r\n0\r\n\r\n", 400);
        yield return Chunked("chunk data followed by text instead of CRLF", Chunk(_email)[..^2] + "XX0\r\n\r\n", 400);
        yield return Chunked("chunk size with a 0x prefix", $"0x{_email.Length:X}\r\n{_email}\r\n0\r\n\r\n", 400);
        yield return Chunked("chunk size line ending in a bare LF", $"{_email.Length:X}\n{_email}\r\n0\r\n\r\n", 400);
        yield return Chunked("trailer without a colon", Chunk(_email) + "0\r\nnot a trailer\r\n\r\n", 400);
        yield return Chunked("trailers over the header size limit", Chunk(_email) + "0\r\nX-T: " + new string('t', 40 * 1024) + "\r\n\r\n", 431);
        yield return Chunked("trailer with a space in its name", Chunk(_email) + "0\r\nX T: v\r\n\r\n", 400);
        yield return Chunked("NUL in a trailer value", Chunk(_email) + "0\r\nX-T: a\0b\r\n\r\n", 400) with { KestrelDrainError = true };
        yield return Chunked("non-ASCII byte in a trailer value", Chunk(_email) + "0\r\nX-T: caf\u00e9\r\n\r\n", 400) with { KestrelDrainError = true };
        yield return Chunked("chunked body over the request limit", string.Concat(Enumerable.Repeat(Chunk(new string(' ', 16 * 1024)), 12)) + "0\r\n\r\n", 413, "body");
        yield return Post("final transfer coding gzip", JsonType + "Transfer-Encoding: gzip\r\n", Chunk(_email) + "0\r\n\r\n", 400);
        yield return Post("transfer coding identity", JsonType + "Transfer-Encoding: identity\r\n", _email, 400);
        yield return Post("chunked followed by gzip", JsonType + "Transfer-Encoding: chunked, gzip\r\n", Chunk(_email) + "0\r\n\r\n", 400);
        yield return Post("unknown transfer coding", JsonType + "Transfer-Encoding: chunkedx\r\n", Chunk(_email) + "0\r\n\r\n", 400);
        yield return Post("two Transfer-Encoding fields, identity last", JsonType + "Transfer-Encoding: chunked\r\nTransfer-Encoding: identity\r\n", Chunk(_email) + "0\r\n\r\n", 400);
        yield return Post("Content-Length and chunked together (CL.TE)", JsonType + $"Content-Length: {_email.Length}\r\nTransfer-Encoding: chunked\r\n", _email, 400);
        yield return Raw("HTTP/1.0 request without a Host", "POST /api/emails HTTP/1.0\r\n" + JsonType + $"Content-Length: {_email.Length}\r\n\r\n" + _email, 400, "Host");

        // Content-Length framing
        yield return Post("Content-Length that is not a number", JsonType + "Content-Length: abc\r\n", _email, 400);
        yield return Post("negative Content-Length", JsonType + "Content-Length: -1\r\n", _email, 400);
        yield return Post("Content-Length with a decimal point", JsonType + $"Content-Length: {_email.Length}.0\r\n", _email, 400);
        yield return Post("Content-Length in hex", JsonType + "Content-Length: 0x50\r\n", _email, 400);
        yield return Post("Content-Length overflowing 64 bits", JsonType + "Content-Length: 99999999999999999999999\r\n", _email, 400);
        yield return Post("two different Content-Length fields", JsonType + $"Content-Length: {_email.Length}\r\nContent-Length: 5\r\n", _email, 400);
        yield return Post("Content-Length as a list", JsonType + $"Content-Length: {_email.Length}, {_email.Length}\r\n", _email, 400);
        yield return Post("declared Content-Length of a terabyte", JsonType + "Content-Length: 1000000000000\r\n", string.Empty, 413, "body");
        yield return Post("Content-Length shorter than the body", JsonType + "Content-Length: 10\r\n", _email, 400, "from");
        yield return Post("body without Content-Length or chunked", JsonType, _email, 400, "body");

        // Request line
        yield return Line("request line over 8 KB", "GET /api/emails/" + new string('a', 9000) + " HTTP/1.1", 414);
        yield return Line("method with a parenthesis", "PO(ST /api/emails HTTP/1.1", 400);
        yield return Line("unknown method", "BREW /api/emails HTTP/1.1", 405);
        yield return Line("lower-case method (routed case-insensitively) without a body", "post /api/emails HTTP/1.1", 415, "Content-Type");
        yield return Line("method alone", "POST", 400);
        yield return Line("no HTTP version", "POST /api/emails", 400);
        yield return Line("version token of the wrong length", "GET /api/health HTTP/3", 400);
        yield return Line("trailing text after the version", "GET /api/emails HTTP/1.1 extra", 400);
        yield return Line("two spaces after the method", "GET  /api/emails HTTP/1.1", 400);
        yield return Line("tab as the separator", "GET\t/api/emails HTTP/1.1", 400);
        yield return Line("control character in the target", "GET /api/emails\u0001 HTTP/1.1", 404);
        yield return Line("space inside the target", "GET /api/em ails HTTP/1.1", 400);
        yield return Line("non-ASCII byte in the target", "GET /api/emails/\u00e9 HTTP/1.1", 400);
        yield return Line("percent-encoded NUL in the path", "GET /api/emails/%00 HTTP/1.1", 400);
        yield return Line("target without a leading slash", "GET api/emails HTTP/1.1", 400);
        yield return Line("asterisk target on GET", "GET * HTTP/1.1", 405);
        yield return Line("authority-form target on GET", "GET localhost:80 HTTP/1.1", 405);
        yield return Line("fragment in the target", "GET /api/emails#top HTTP/1.1", 404);
        yield return Line("percent-encoded CRLF in the id", $"GET /api/emails/{UnknownId}%0D%0ASet-Cookie:x HTTP/1.1", 404, "id");
        yield return Line("invalid percent-encoding in the id", "GET /api/emails/%zz%C0%AF HTTP/1.1", 404, "id");
        yield return Line("dot segments out of the API", "GET /api/emails/../../../etc/passwd HTTP/1.1", 404);
        yield return Line("id of 7 KB", "GET /api/emails/" + new string('f', 7000) + " HTTP/1.1", 404, "id");
        yield return new RawRequest("absolute-form target naming another host",
            Latin1("POST http://evil.example/api/emails HTTP/1.1\r\n" + Host + JsonType + $"Content-Length: {_email.Length}\r\n\r\n" + _email), 400);
        yield return new RawRequest("absolute-form target and Host both naming another host",
            Latin1("POST http://evil.example/api/emails HTTP/1.1\r\nHost: evil.example\r\n" + JsonType + $"Content-Length: {_email.Length}\r\n\r\n" + _email), 400, "Host");

        // Header fields
        yield return Post("header line without a colon", JsonType + "X-Broken\r\n", _email, 400, contentLength: true);
        yield return Post("space before the colon", "Content-Type : application/json\r\n", _email, 400, contentLength: true);
        yield return Post("obsolete line folding", JsonType + "X-Folded: a\r\n b\r\n", _email, 400, contentLength: true);
        yield return Post("NUL in a header value", JsonType + "X-A: a\0b\r\n", _email, 400, contentLength: true);
        yield return Post("bare CR in a header value", JsonType + "X-A: a\rb\r\n", _email, 400, contentLength: true);
        yield return Post("empty header name", JsonType + ": value\r\n", _email, 400, contentLength: true);
        yield return Post("non-ASCII byte in a header value", JsonType + "X-A: caf\u00e9\r\n", _email, 400, contentLength: true);
        yield return Post("space inside a header name", JsonType + "X A: v\r\n", _email, 400, contentLength: true);
        yield return Post("101 header fields", JsonType + string.Concat(Enumerable.Range(1, 100).Select(i => $"X-H{i}: v\r\n")), _email, 431, contentLength: true);
        yield return Post("header fields over 32 KB in total", JsonType + string.Concat(Enumerable.Range(1, 40).Select(i => $"X-H{i}: {new string('v', 1000)}\r\n")), _email, 431, contentLength: true);
        yield return Post("one header value of 40 KB", JsonType + $"X-Big: {new string('v', 40 * 1024)}\r\n", _email, 431, contentLength: true);
        yield return Raw("no Host on HTTP/1.1", "POST /api/emails HTTP/1.1\r\n" + JsonType + $"Content-Length: {_email.Length}\r\n\r\n" + _email, 400);
        yield return Raw("two Host fields", "POST /api/emails HTTP/1.1\r\n" + Host + Host + JsonType + $"Content-Length: {_email.Length}\r\n\r\n" + _email, 400);

        // Hosts the API does not serve (AllowedHosts is the loopback names)
        yield return WithHost("Host with a space", "local host", 400);
        yield return WithHost("Host with user info", "user@localhost", 400);
        yield return WithHost("Host with a path", "localhost/evil", 400);
        yield return WithHost("Host with a port out of range", "localhost:99999", 400);
        yield return WithHost("Host naming another site", "evil.example", 400, "Host");
        yield return WithHost("Host naming another site on a port", "evil.example:7071", 400, "Host");
        yield return WithHost("Host ending in an allowed name", "evillocalhost", 400, "Host");
        yield return WithHost("Host starting with an allowed name", "localhost.evil.example", 400, "Host");
        yield return WithHost("empty Host", string.Empty, 400, "Host");
        yield return WithHost("Host that is another IPv6 literal", "[::2]:7071", 400, "Host");
        yield return WithHost("Host with a trailing dot", "localhost.", 400, "Host");
        yield return WithHost("Host as a decimal IPv4 number", "2130706433", 400, "Host");
        yield return WithHost("Host that is another loopback address", "127.0.0.2", 400, "Host");
        yield return WithHost("Host with a punycode look-alike", "xn--lcalhost-x3a", 400, "Host");
        yield return WithHost("Host with leading zeros in a loopback address", "127.000.000.001", 400, "Host");
        yield return WithHost("Host as an octal loopback address", "0177.0.0.1", 400, "Host");
        yield return WithHost("Host as the long form of the IPv6 loopback", "[0:0:0:0:0:0:0:1]", 400, "Host");
        yield return WithHost("Host as an IPv4-mapped loopback", "[::ffff:127.0.0.1]", 400, "Host");
        yield return WithHost("Host of the unspecified address", "0.0.0.0", 400, "Host");
        yield return WithHost("Host of 300 characters", new string('h', 300) + ".example", 400, "Host");
        yield return WithHost("Host with an empty port", "localhost:", 400);
        yield return WithHost("Host with a percent-encoded name", "local%68ost", 400);
        yield return WithHost("Host listing two hosts", "localhost, evil.example", 400);
        yield return WithHost("Host with a non-ASCII look-alike", "l\u00f3calhost", 400);
        yield return WithHost("Host with a tab inside", "localhost\tevil.example", 400);
        yield return WithHost("Host with a control character", "local\u0001host", 400);
        yield return new RawRequest("absolute-form target on another port than the Host",
            Latin1("POST http://localhost:1/api/emails HTTP/1.1\r\n" + Host + JsonType + $"Content-Length: {_email.Length}\r\n\r\n" + _email), 400);

        // Content types
        yield return Typed("charset latin1", "application/json; charset=iso-8859-1");
        yield return Typed("quoted charset utf-16", "application/json; charset=\"utf-16\"");
        yield return Typed("charset utf-8 then latin1", "application/json; charset=utf-8; charset=latin1");
        yield return Typed("charset with no value", "application/json; charset=");
        yield return Typed("charset parameter without =", "application/json; charset");
        yield return Typed("text/json", "text/json");
        yield return Typed("JSON patch", "application/json-patch+json");
        yield return Typed("problem JSON", "application/problem+json");
        yield return Typed("wildcard subtype", "application/*");
        yield return Typed("wildcard type", "*/*");
        yield return Typed("two media types in one field", "application/json, message/rfc822");
        yield return Typed("unterminated quoted parameter", "message/rfc822; x=\"open");
        yield return Typed("media type of 8 KB", "application/" + new string('j', 8 * 1024));
        yield return Typed("unterminated quoted charset", "application/json; charset=\"utf-8");
        yield return Typed("charset utf-7", "application/json; charset=utf-7");
        yield return Typed("empty quoted charset", "application/json; charset=\"\"");
        yield return Typed("charset utf-16le", "application/json; charset=utf-16le");
        yield return Typed("JSON and XML in one field", "application/json; charset=utf-8, application/xml");
        yield return Typed("multipart/related around JSON", "multipart/related; type=\"application/json\"");
        yield return Typed("message/global", "message/global");
        yield return Typed("application/x-json", "application/x-json");
        yield return Typed("media type without a subtype", "application");
        yield return Post("gzip content coding", JsonType + "Content-Encoding: gzip\r\n", _email, 415, "Content-Encoding", contentLength: true);
        yield return Post("content codings listed", JsonType + "Content-Encoding: identity, br\r\n", _email, 415, "Content-Encoding", contentLength: true);
        yield return Post("unknown content coding", JsonType + "Content-Encoding: x-evil\r\n", _email, 415, "Content-Encoding", contentLength: true);
        yield return Post("raw MIME sent as JSON", JsonType, "From: a@example.com\r\nTo: b@example.com\r\n\r\nx", 400, "body", contentLength: true);
        yield return Post("JSON sent as raw MIME", "Content-Type: message/rfc822\r\n", _email, 400, contentLength: true);
        yield return Post("two Content-Type fields", JsonType + "Content-Type: message/rfc822\r\n", _email, 415, "Content-Type", contentLength: true);
        yield return Post("UTF-16 byte order mark before JSON", JsonType, "\u00ff\u00fe" + _email, 400, "body", contentLength: true);
        yield return Post("UTF-32 byte order mark before JSON", JsonType, "\u00ff\u00fe\0\0" + _email, 400, "body", contentLength: true);
        yield return Post("two UTF-8 byte order marks before JSON", JsonType, "\u00ef\u00bb\u00bf\u00ef\u00bb\u00bf" + _email, 400, "body", contentLength: true);
        yield return Post("UTF-8 byte order mark before broken JSON", JsonType, "\u00ef\u00bb\u00bf{\"from\":", 400, contentLength: true);

        // Methods and paths the API does not route
        yield return Line("PUT on the collection", "PUT /api/emails HTTP/1.1", 405);
        yield return Line("DELETE on the collection", "DELETE /api/emails HTTP/1.1", 405);
        yield return Line("PATCH on an email", $"PATCH /api/emails/{UnknownId} HTTP/1.1", 405);
        yield return Line("POST on an email", $"POST /api/emails/{UnknownId} HTTP/1.1", 405);
        yield return Line("GET on terminate", $"GET /api/emails/{UnknownId}/terminate HTTP/1.1", 405);
        yield return Line("TRACE on the collection", "TRACE /api/emails HTTP/1.1", 405);
        yield return Line("OPTIONS on the collection", "OPTIONS /api/emails HTTP/1.1", 405);
        yield return Line("DELETE of an unknown email", $"DELETE /api/emails/{UnknownId} HTTP/1.1", 404, "id");
        yield return Line("terminate of an unknown email", $"POST /api/emails/{UnknownId}/terminate?reason=x HTTP/1.1", 404, "id");
        yield return Line("terminate with a reason of 1025 characters", $"POST /api/emails/{UnknownId}/terminate?reason={new string('r', 1025)} HTTP/1.1", 400, "reason");

        // Query parameters
        yield return Line("top of zero", "GET /api/emails?top=0 HTTP/1.1", 400, "top");
        yield return Line("top over 1000", "GET /api/emails?top=1001 HTTP/1.1", 400, "top");
        yield return Line("negative top", "GET /api/emails?top=-1 HTTP/1.1", 400, "top");
        yield return Line("top in exponent form", "GET /api/emails?top=1e3 HTTP/1.1", 400, "top");
        yield return Line("top in full-width digits", "GET /api/emails?top=%EF%BC%91 HTTP/1.1", 400, "top");
        yield return Line("top given twice", "GET /api/emails?top=1&top=2 HTTP/1.1", 400, "top");
        yield return Line("top overflowing 32 bits", "GET /api/emails?top=99999999999999999999 HTTP/1.1", 400, "top");
        yield return Line("top with invalid percent-encoding", "GET /api/emails?top=%zz HTTP/1.1", 400, "top");
        yield return Line("unknown runtime status", "GET /api/emails?runtimeStatus=Bogus HTTP/1.1", 400, "runtimeStatus");
        yield return Line("runtime status with a NUL", "GET /api/emails?runtimeStatus=Running%00 HTTP/1.1", 400, "runtimeStatus");
        yield return Line("runtime status as a number", "GET /api/emails?runtimeStatus=1 HTTP/1.1", 400, "runtimeStatus");
        yield return Line("creation time in words", "GET /api/emails?createdTimeFrom=yesterday HTTP/1.1", 400, "createdTimeFrom");
        yield return Line("creation times reversed", "GET /api/emails?createdTimeFrom=2026-01-02&createdTimeTo=2026-01-01 HTTP/1.1", 400, "createdTimeFrom");
        yield return Raw("forged continuation token", "GET /api/emails HTTP/1.1\r\n" + Host + "x-ms-continuation-token: not-a-token\r\n\r\n", 400, "x-ms-continuation-token");
        yield return Raw("continuation token of 4 KB", "GET /api/emails HTTP/1.1\r\n" + Host + $"x-ms-continuation-token: {new string('A', 4096)}\r\n\r\n", 400, "x-ms-continuation-token");

        // The suppression list
        yield return Line("suppression entry that is not an address", "DELETE /api/suppressions/not-an-address HTTP/1.1", 400, "address");
        yield return Line("CRLF in a suppression address", "DELETE /api/suppressions/a%0D%0AX-Injected:%201@x.test HTTP/1.1", 400, "address");
        yield return Line("percent-encoded NUL in a suppression address", "DELETE /api/suppressions/a%00b@x.test HTTP/1.1", 400);
        yield return Line("suppression address of 400 characters", $"DELETE /api/suppressions/{new string('a', 400)}@x.test HTTP/1.1", 400, "address");
        yield return Line("suppression local part of 66 octets in 33 characters", $"DELETE /api/suppressions/{string.Concat(Enumerable.Repeat("%C3%A9", 33))}@x.test HTTP/1.1", 400, "address");
        yield return Line("suppression domain with an empty label", "DELETE /api/suppressions/a@x..test HTTP/1.1", 400, "address");
        yield return Line("suppression address without a local part", "DELETE /api/suppressions/@x.test HTTP/1.1", 400, "address");
        yield return Line("suppression domain that IDNA refuses", "DELETE /api/suppressions/a@%E2%80%AE.test HTTP/1.1", 400, "address");
        yield return Line("encoded slash in a suppression address not listed", "DELETE /api/suppressions/a%2Fb@x.test HTTP/1.1", 404, "address");
        yield return Line("bidi override in a suppression local part not listed", "DELETE /api/suppressions/%E2%80%AEa@x.test HTTP/1.1", 404, "address");
        yield return Line("suppression limit of zero", "GET /api/suppressions?limit=0 HTTP/1.1", 400, "limit");
        yield return Line("suppression limit over 1000", "GET /api/suppressions?limit=1001 HTTP/1.1", 400, "limit");
        yield return Line("suppression limit in exponent form", "GET /api/suppressions?limit=1e3 HTTP/1.1", 400, "limit");
        yield return Line("suppression limit given twice", "GET /api/suppressions?limit=1&limit=2 HTTP/1.1", 400, "limit");
        yield return Line("suppression limit overflowing 32 bits", "GET /api/suppressions?limit=99999999999999999999 HTTP/1.1", 400, "limit");
        yield return Raw("forged suppression continuation token", "GET /api/suppressions HTTP/1.1\r\n" + Host + "x-ms-continuation-token: not-a-token\r\n\r\n", 400, "x-ms-continuation-token");
        yield return Raw("suppression continuation token of 4 KB", "GET /api/suppressions HTTP/1.1\r\n" + Host + $"x-ms-continuation-token: {new string('A', 4096)}\r\n\r\n", 400, "x-ms-continuation-token");
        yield return Line("GET of one suppression entry", "GET /api/suppressions/a@x.test HTTP/1.1", 405);
        yield return Line("POST to the suppression list", "POST /api/suppressions HTTP/1.1", 405);

        // Idempotency keys
        yield return Post("Idempotency-Key of 257 characters", JsonType + $"Idempotency-Key: {new string('k', 257)}\r\n", _email, 400, "Idempotency-Key", contentLength: true);
        yield return Post("Idempotency-Key with a space", JsonType + "Idempotency-Key: a b\r\n", _email, 400, "Idempotency-Key", contentLength: true);
        yield return Post("Idempotency-Key with a tab", JsonType + "Idempotency-Key: a\tb\r\n", _email, 400, "Idempotency-Key", contentLength: true);
        yield return Post("Idempotency-Key given twice", JsonType + "Idempotency-Key: a\r\nIdempotency-Key: b\r\n", _email, 400, "Idempotency-Key", contentLength: true);
        yield return Post("empty Idempotency-Key", JsonType + "Idempotency-Key:\r\n", _email, 400, "Idempotency-Key", contentLength: true);

        // Log injection: control and format characters in what the app may log (escaped there: LogHygieneTests)
        yield return Line("CRLF in the id", "GET /api/emails/%0D%0AX-Injected:%201 HTTP/1.1", 404, "id");
        yield return Line("ESC and BEL in the id of a purge", "DELETE /api/emails/%1B%5B31m%07 HTTP/1.1", 404, "id");
        yield return Line("LF in the id of a terminate", $"POST /api/emails/{UnknownId}%0A/terminate?reason=x HTTP/1.1", 404, "id");
        yield return Line("CRLF in a terminate reason", $"POST /api/emails/{UnknownId}/terminate?reason=a%0D%0AX-Injected:%201 HTTP/1.1", 404, "id");
        yield return Line("bidi override in the id", "GET /api/emails/%E2%80%AEexe.fdp HTTP/1.1", 404, "id");
        yield return Line("C1 controls in the id", "GET /api/emails/%C2%85%C2%9B HTTP/1.1", 404, "id");
        yield return Line("line separator in the id", "GET /api/emails/%E2%80%A8 HTTP/1.1", 404, "id");
        yield return Line("overlong UTF-8 LF in the id", "GET /api/emails/%C0%8A HTTP/1.1", 404, "id");
        yield return Line("CRLF in the runtime status", "GET /api/emails?runtimeStatus=%0D%0ARunning HTTP/1.1", 400, "runtimeStatus");
        yield return Line("ANSI escape in a creation time", "GET /api/emails?createdTimeFrom=%1B%5B2J HTTP/1.1", 400, "createdTimeFrom");
        yield return Line("LF before the top", "GET /api/emails?top=%0A5 HTTP/1.1", 400, "top");
        yield return Line("CRLF in an unrouted path", "GET /api/%0D%0Aemails HTTP/1.1", 404);
        yield return Raw("tab in a continuation token", "GET /api/emails HTTP/1.1\r\n" + Host + "x-ms-continuation-token: a\tb\r\n\r\n", 400, "x-ms-continuation-token");
        yield return Json("NUL in a header name of the headers map", "{\"X-\\u0000\":\"v\"}", "headers.X-\0");
        yield return Json("ANSI escape in a header name of the headers map", "{\"X-\\u001b[31m\":\"v\"}", "headers.X-\u001b[31m");
        yield return Json("line separator in a header name of the headers map", "{\"X-\\u2028\":\"v\"}", "headers.X-\u2028");
        yield return Json("C1 control in a header name of the headers map", "{\"X-\\u0085\":\"v\"}", "headers.X-\u0085");
        yield return Post("CRLF in an unknown property name", JsonType, "{\"from\":\"a@example.com\",\"bo\\r\\ngus\":1}", 400, "bo\r\ngus", contentLength: true);

        // Expectations
        yield return Post("100-continue with a body over the limit", JsonType + "Expect: 100-continue\r\nContent-Length: 10000000\r\n", string.Empty, 413, "body");
        yield return new RawRequest("100-continue on a host not served",
            Latin1("POST /api/emails HTTP/1.1\r\nHost: evil.example\r\nExpect: 100-continue\r\n" + JsonType + $"Content-Length: {_email.Length}\r\n\r\n"), 400, "Host");
    }

    /// <summary>A chunk carrying <paramref name="data"/>.</summary>
    private static string Chunk(string data) => $"{Encoding.Latin1.GetByteCount(data).ToString("X", CultureInfo.InvariantCulture)}\r\n{data}\r\n";

    private static RawRequest Chunked(string name, string body, int status, string? field = null) =>
        Post(name, JsonType + "Transfer-Encoding: chunked\r\n", body, status, field);

    private static RawRequest Post(
        string name, string headers, string body, int status, string? field = null, bool contentLength = false, string version = "HTTP/1.1") =>
        new(name, Latin1($"POST /api/emails {version}\r\n{Host}{headers}{(contentLength ? $"Content-Length: {Encoding.Latin1.GetByteCount(body)}\r\n" : string.Empty)}\r\n{body}"), status, field);

    /// <summary>A valid email whose <c>headers</c> map is <paramref name="headers"/>, and the field it must be refused for.</summary>
    private static RawRequest Json(string name, string headers, string field) =>
        Post(name, JsonType, _email[..^1] + ",\"headers\":" + headers + "}", 400, field, contentLength: true);

    private static RawRequest Typed(string name, string contentType) =>
        Post(name, $"Content-Type: {contentType}\r\n", _email, 415, "Content-Type", contentLength: true);

    private static RawRequest Line(string name, string requestLine, int status, string? field = null) =>
        new(name, Latin1($"{requestLine}\r\n{Host}\r\n"), status, field);

    private static RawRequest WithHost(string name, string host, int status, string? field = null) =>
        new(name, Latin1($"POST /api/emails HTTP/1.1\r\nHost: {host}\r\n{JsonType}Content-Length: {_email.Length}\r\n\r\n{_email}"), status, field);

    private static RawRequest Raw(string name, string text, int status, string? field = null) => new(name, Latin1(text), status, field);

    private static byte[] Latin1(string text) => Encoding.Latin1.GetBytes(text);
}
