using Microsoft.Extensions.Primitives;
using Microsoft.Net.Http.Headers;

namespace Mailstrom.Http.Bodies;

/// <summary>The media types <c>POST /api/emails</c> accepts, and how a <c>Content-Type</c> header is read.</summary>
internal static class EmailMediaTypes
{
    /// <summary>An email as a JSON object (UTF-8).</summary>
    public const string Json = "application/json";

    /// <summary>An already composed message, raw MIME (RFC 5322).</summary>
    public const string Rfc822 = "message/rfc822";

    /// <summary>What to send instead, for every refusal.</summary>
    private const string Advice = $"send the email as {Json} (UTF-8) or as {Rfc822}.";

    /// <summary>
    /// Reads a <c>Content-Type</c> header as RFC 9110 §8.3 describes it: the type and subtype case-insensitively, parameters
    /// in any case with quoted or plain values. JSON must be UTF-8 (RFC 8259 §8.1): a <c>charset</c> parameter, if present,
    /// must appear once and name UTF-8. Other parameters are ignored, on either media type.
    /// </summary>
    /// <param name="contentType">The header value, or <see langword="null"/> when absent.</param>
    /// <returns>The canonical media type (<see cref="Json"/> or <see cref="Rfc822"/>), or the refusal's detail.</returns>
    public static (string? MediaType, string? Refusal) Classify(string? contentType)
    {
        if (string.IsNullOrWhiteSpace(contentType))
        {
            return (null, "The request has no Content-Type header; " + Advice);
        }

        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed))
        {
            return (null, "The Content-Type header is not a single media type; " + Advice);
        }

        if (parsed.MediaType.Equals(Rfc822, StringComparison.OrdinalIgnoreCase))
        {
            return (Rfc822, null);
        }

        if (!parsed.MediaType.Equals(Json, StringComparison.OrdinalIgnoreCase))
        {
            return (null, "The media type is not one this API reads; " + Advice);
        }

        var charsets = parsed.Parameters.Where(p => p.Name.Equals("charset", StringComparison.OrdinalIgnoreCase)).ToList();
        if (charsets.Count > 1)
        {
            return (null, $"The Content-Type header has more than one charset parameter; {Json} must be UTF-8 (charset=utf-8 or none).");
        }

        if (charsets.Count == 1 && !IsUtf8(HeaderUtilities.UnescapeAsQuotedString(charsets[0].Value)))
        {
            return (null, $"JSON must be UTF-8 (RFC 8259): the charset of {Json} must be utf-8, or be left out.");
        }

        return (Json, null);
    }

    /// <summary>
    /// Reads a <c>Content-Encoding</c> header: the body is read as sent, so only <c>identity</c> (or no header) is accepted;
    /// RFC 9110 §15.5.16 answers any other coding with 415.
    /// </summary>
    /// <param name="contentEncoding">The header's values, possibly none.</param>
    /// <returns>The refusal's detail, or <see langword="null"/> when the body is not encoded.</returns>
    public static string? RefuseContentEncoding(StringValues contentEncoding) =>
        contentEncoding.SelectMany(v => (v ?? string.Empty).Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            .All(c => c.Equals("identity", StringComparison.OrdinalIgnoreCase))
            ? null
            : "The request body must not be content-encoded (Content-Encoding: gzip, br, ...); send it as is.";

    private static bool IsUtf8(StringSegment charset) =>
        charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase) || charset.Equals("utf8", StringComparison.OrdinalIgnoreCase);
}
