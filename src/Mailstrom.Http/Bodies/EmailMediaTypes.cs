using Microsoft.Net.Http.Headers;

namespace Mailstrom.Http.Bodies;

/// <summary>The media types <c>POST /api/emails</c> accepts.</summary>
internal static class EmailMediaTypes
{
    /// <summary>An email as a JSON object (UTF-8).</summary>
    public const string Json = "application/json";

    /// <summary>An already composed message, raw MIME (RFC 5322).</summary>
    public const string Rfc822 = "message/rfc822";

    /// <summary>Classifies a <c>Content-Type</c> header.</summary>
    /// <param name="contentType">The header value.</param>
    /// <param name="mediaType">The canonical media type (<see cref="Json"/> or <see cref="Rfc822"/>) when accepted.</param>
    /// <returns>Whether the content type is accepted.</returns>
    public static bool TryClassify(string? contentType, out string mediaType)
    {
        mediaType = string.Empty;
        if (!MediaTypeHeaderValue.TryParse(contentType, out var parsed))
        {
            return false;
        }

        if (parsed.MediaType.Equals(Json, StringComparison.OrdinalIgnoreCase))
        {
            // RFC 8259 §8.1: JSON exchanged between systems is UTF-8.
            var charset = parsed.Charset;
            if (charset.HasValue && !charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)
                && !charset.Equals("utf8", StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }

            mediaType = Json;
            return true;
        }

        if (parsed.MediaType.Equals(Rfc822, StringComparison.OrdinalIgnoreCase))
        {
            mediaType = Rfc822;
            return true;
        }

        return false;
    }
}
