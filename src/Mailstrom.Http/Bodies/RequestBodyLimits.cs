namespace Mailstrom.Http.Bodies;

/// <summary>
/// How many bytes of request body <c>POST /api/emails</c> reads, derived from <c>Mailstrom:Limits:MaxMessageBytes</c>.
/// A raw MIME body is the message itself, so it may be as large as the limit. A JSON body carries attachments in
/// base64 (4 bytes for every 3) plus JSON syntax, so it may be 4/3 of the limit plus <see cref="JsonOverheadBytes"/>.
/// The composed message is checked against the limit again by the engine, so the margin never lets a larger
/// message through.
/// </summary>
internal static class RequestBodyLimits
{
    /// <summary>Room for JSON syntax, escaping and the non-attachment fields on top of the base64 growth.</summary>
    public const long JsonOverheadBytes = 64 * 1024;

    /// <summary>The request-body cap for a media type.</summary>
    /// <param name="mediaType">A media type from <see cref="EmailMediaTypes"/>.</param>
    /// <param name="maxMessageBytes">The configured message limit.</param>
    /// <returns>The largest body read, in bytes; never more than the largest buffer .NET can allocate.</returns>
    public static long For(string mediaType, long maxMessageBytes)
    {
        var cap = mediaType == EmailMediaTypes.Json
            ? ((maxMessageBytes + 2) / 3 * 4) + JsonOverheadBytes
            : maxMessageBytes;
        return Math.Min(cap, Array.MaxLength);
    }
}
