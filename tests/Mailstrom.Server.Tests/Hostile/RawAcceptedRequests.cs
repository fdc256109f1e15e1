using System.Text;

namespace Mailstrom.Server.Tests.Hostile;

/// <summary>A request on the raw socket that must be accepted, and the base its returned URLs must start with.</summary>
/// <param name="Name">What the request varies.</param>
/// <param name="Bytes">The bytes sent, exactly.</param>
/// <param name="BaseUrl">The base of the <c>Location</c> and of every URL in the body.</param>
public sealed record RawAcceptedRequest(string Name, byte[] Bytes, string BaseUrl);

/// <summary>
/// The near misses of <see cref="RawRequestCorpus"/>: forms RFC 9110 allows for <c>Content-Type</c> and <c>Host</c>, a
/// UTF-8 byte order mark, chunk extensions and trailers (which cannot change the framing), and headers that must not
/// move the returned URLs (<c>X-Forwarded-Host</c>). Each must be
/// accepted, so the corpus's refusals are for their fault alone, and the URLs must stay on the allowed host.
/// </summary>
public static class RawAcceptedRequests
{
    private const string Email = "{\"from\":\"a@example.com\",\"to\":[\"b@example.com\"],\"subject\":\"Near miss\",\"text\":\"x\"}";
    private const string Mime = "From: a@example.com\r\nTo: b@example.com\r\nSubject: Near miss\r\n\r\nx\r\n";

    /// <summary>Every row, by name.</summary>
    public static IReadOnlyDictionary<string, RawAcceptedRequest> All { get; } = Build().ToDictionary(r => r.Name, StringComparer.Ordinal);

    /// <summary>The row names, for a theory.</summary>
    public static TheoryData<string> Names => [.. All.Keys];

    private static IEnumerable<RawAcceptedRequest> Build()
    {
        // Content-Type as RFC 9110 §8.3 writes it
        yield return Typed("quoted charset", "application/json; charset=\"utf-8\"");
        yield return Typed("upper-case type and quoted charset", "APPLICATION/JSON; CHARSET=\"UTF-8\"");
        yield return Typed("charset utf8 without a hyphen", "application/json;charset=utf8");
        yield return Typed("quoted-pair in the charset", "application/json; charset=\"utf\\-8\"");
        yield return Typed("another parameter besides the charset", "application/json; profile=\"https://example.com/email\"; charset=utf-8");
        yield return Typed("whitespace around the parameter", "application/json \t;\t charset=utf-8");
        yield return Typed("leading whitespace in the field", "  application/json");
        yield return Typed("raw MIME with a charset parameter", "message/rfc822; charset=utf-8", Mime);
        yield return Typed("UTF-8 byte order mark before JSON", "application/json", "\u00ef\u00bb\u00bf" + Email);
        yield return Typed("identity content coding", "application/json\r\nContent-Encoding: identity");

        // Hosts the API serves, in every form, and headers that must not move the URLs
        yield return Hosted("localhost on a port", "localhost:7071", "http://localhost:7071");
        yield return Hosted("upper-case localhost", "LOCALHOST", "http://localhost");
        yield return Hosted("IPv4 loopback", "127.0.0.1", "http://127.0.0.1");
        yield return Hosted("IPv6 loopback on a port", "[::1]:7071", "http://[::1]:7071");
        yield return Hosted("forwarded host not applied", "localhost", "http://localhost", "X-Forwarded-Host: evil.example\r\nX-Forwarded-Proto: https\r\n");
        yield return Hosted("forwarded header not applied", "localhost", "http://localhost", "Forwarded: host=evil.example;proto=https\r\n");
        yield return new RawAcceptedRequest("absolute-form target on an allowed host",
            Latin1($"POST http://localhost/api/emails HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {Email.Length}\r\n\r\n{Email}"),
            "http://localhost");
        yield return Chunked("framing fields in a trailer are ignored", "0\r\nContent-Length: 5\r\nTransfer-Encoding: gzip\r\n\r\n");
        yield return Chunked("chunk extensions are ignored", "0;ext=\"quoted \\\" value\";other\r\n\r\n", ";name=value");
        yield return new RawAcceptedRequest("absolute-form target with user info",
            Latin1($"POST http://user@localhost/api/emails HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: {Email.Length}\r\n\r\n{Email}"),
            "http://localhost");
    }

    private static RawAcceptedRequest Typed(string name, string contentType, string body = Email) =>
        new(name, Latin1($"POST /api/emails HTTP/1.1\r\nHost: localhost\r\nContent-Type: {contentType}\r\nContent-Length: {Encoding.Latin1.GetByteCount(body)}\r\n\r\n{body}"), "http://localhost");

    private static RawAcceptedRequest Chunked(string name, string lastChunkAndTrailers, string extension = "") =>
        new(name, Latin1($"POST /api/emails HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n" +
            $"{Email.Length:X}{extension}\r\n{Email}\r\n{lastChunkAndTrailers}"), "http://localhost");

    private static RawAcceptedRequest Hosted(string name, string host, string baseUrl, string headers = "") =>
        new(name, Latin1($"POST /api/emails HTTP/1.1\r\nHost: {host}\r\n{headers}Content-Type: application/json\r\nContent-Length: {Email.Length}\r\n\r\n{Email}"), baseUrl);

    private static byte[] Latin1(string text) => Encoding.Latin1.GetBytes(text);
}
