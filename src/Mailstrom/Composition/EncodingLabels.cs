using MimeKit;

namespace Mailstrom.Composition;

/// <summary>
/// What a part encoded for the wire (quoted-printable or base64, by <see cref="MimeEntity.Prepare"/> or
/// <see cref="SevenBitBody"/>) must declare for a reader to decode it as it was submitted. Its message says it is MIME
/// (<c>MIME-Version: 1.0</c>, RFC 2045 §4), or a reader shows the encoding instead of the text; 8-bit text that
/// names no charset, or names US-ASCII, which it cannot be (RFC 2046 §4.1.2), is labelled <c>utf-8</c> when it is
/// valid UTF-8 and <c>unknown-8bit</c> otherwise (RFC 1428), or a reader decodes it as US-ASCII.
/// </summary>
internal static class EncodingLabels
{
    /// <summary>Whether <paramref name="part"/> is written through an encoder: its content is held in another encoding than it goes out in.</summary>
    /// <param name="part">The part.</param>
    /// <returns><see langword="true"/> when MimeKit encodes the content as it writes it.</returns>
    public static bool IsEncodedOnWrite(MimePart part) =>
        part.ContentTransferEncoding is ContentEncoding.Base64 or ContentEncoding.QuotedPrintable or ContentEncoding.UUEncode
        && part.Content is { } content
        && content.Encoding != part.ContentTransferEncoding;

    /// <summary>Labels the charset of 8-bit text encoded on write that names none (or US-ASCII).</summary>
    /// <param name="part">The part.</param>
    public static void LabelCharset(MimePart part)
    {
        if (!part.ContentType.IsMimeType("text", "*") || !IsEncodedOnWrite(part) || !IsUnlabelled(part.ContentType.Charset))
        {
            return;
        }

        using var decoded = new MemoryStream();
        part.Content!.DecodeTo(decoded);
        var octets = decoded.GetBuffer().AsSpan(0, (int)decoded.Length);
        if (System.Text.Ascii.IsValid(octets))
        {
            return;
        }

        part.ContentType.Charset = System.Text.Unicode.Utf8.IsValid(octets) ? "utf-8" : "unknown-8bit";
    }

    /// <summary>Adds <c>MIME-Version: 1.0</c> to <paramref name="message"/> when it has none and one of its own parts is encoded on write.</summary>
    /// <param name="message">The submitted message or an attached one (its parts are those of <see cref="MimeMessage.BodyParts"/>,
    /// which stop at attached messages).</param>
    public static void DeclareMime(MimeMessage message)
    {
        if (!message.Headers.Contains(HeaderId.MimeVersion) && message.BodyParts.OfType<MimePart>().Any(IsEncodedOnWrite))
        {
            message.MimeVersion = new Version(1, 0);
        }
    }

    private static bool IsUnlabelled(string? charset) =>
        string.IsNullOrWhiteSpace(charset)
        || charset.Equals("us-ascii", StringComparison.OrdinalIgnoreCase)
        || charset.Equals("ascii", StringComparison.OrdinalIgnoreCase);
}
