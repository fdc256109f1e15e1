using System.Globalization;
using MimeKit;

namespace Mailstrom.Composition;

/// <summary>
/// Makes every body of a message 7-bit clean as written (RFC 2045 §2.7: octets below 128, no NUL, CR only in CRLF,
/// lines of at most 998 octets), after MimeKit's <see cref="MimeEntity.Prepare"/>, which trusts content already declared
/// base64, quoted-printable or uuencode and leaves multipart/signed alone. A part whose written form is not clean is
/// decoded and re-encoded (quoted-printable for text, base64 otherwise). What cannot be re-encoded is refused: content
/// inside a multipart/signed (re-encoding breaks the signature; RFC 1847 and RFC 3156 require 7-bit signed content),
/// a multipart's preamble or epilogue, and a boundary outside RFC 2046's characters. So the stored message never needs
/// BODY=8BITMIME, and no server without 8BITMIME is ever sent 8-bit body octets. What is encoded on the way is labelled
/// for readers (<see cref="EncodingLabels"/>: MIME-Version, a charset for 8-bit text).
/// </summary>
internal static class SevenBitBody
{
    private const int MaxBoundaryLength = 70;
    private const string BoundaryCharacters = "'()+_,-./:=? ";

    /// <summary>Re-encodes what is not 7-bit clean, in place, and labels what goes out encoded (<see cref="EncodingLabels"/>).</summary>
    /// <param name="message">A message <see cref="MimeMessage.Prepare"/>d for <see cref="EncodingConstraint.SevenBit"/>.</param>
    /// <exception cref="EmailValidationException">Signed content, a preamble, an epilogue or a boundary is not 7-bit
    /// clean; the field names the part (<see cref="MimeTree"/>).</exception>
    public static void Enforce(MimeMessage message)
    {
        var messages = new List<MimeMessage>();
        foreach (var node in MimeTree.Walk(message))
        {
            // Signed content goes out byte for byte: nothing in it is re-encoded, so nothing needs labelling.
            if (node.Owner is { } owner && !node.Signed)
            {
                messages.Add(owner);
            }

            switch (node.Entity)
            {
                case Multipart multipart:
                    CheckMultipart(node, multipart);
                    break;
                case MimePart part when node.Signed:
                    if (!IsClean(part))
                    {
                        throw new EmailValidationException(node.Name,
                            "A part inside multipart/signed is not 7-bit clean (8-bit octets, NUL, a bare CR or a line over 998 octets); " +
                            "it cannot be re-encoded without breaking the signature. Sign 7-bit content (RFC 3156 §3).");
                    }

                    break;
                case MimePart part:
                    if (!IsClean(part))
                    {
                        ReEncode(part);
                    }

                    EncodingLabels.LabelCharset(part);
                    break;
            }
        }

        messages.ForEach(EncodingLabels.DeclareMime);
    }

    private static void CheckMultipart(MimeNode node, Multipart multipart)
    {
        if (multipart.Boundary is { } boundary && !IsBoundary(boundary))
        {
            throw new EmailValidationException(node.HeaderPrefix + "Content-Type",
                "The multipart boundary must be 1 to 70 ASCII letters, digits or '()+_,-./:=? not ending in a space (RFC 2046 §5.1.1).");
        }

        foreach (var (text, what) in new[] { (multipart.Preamble, "preamble"), (multipart.Epilogue, "epilogue") })
        {
            if (text is not null && !WireOctets.Scan(System.Text.Encoding.UTF8.GetBytes(text)).SevenBitClean)
            {
                throw new EmailValidationException(node.Name, string.Create(CultureInfo.InvariantCulture,
                    $"The multipart {what} is not 7-bit clean (8-bit octets, NUL, a bare CR or a line over 998 octets); it cannot be re-encoded."));
            }
        }
    }

    private static bool IsBoundary(string boundary) =>
        boundary.Length is > 0 and <= MaxBoundaryLength
        && !boundary.EndsWith(' ')
        && boundary.All(c => char.IsAsciiLetterOrDigit(c) || BoundaryCharacters.Contains(c, StringComparison.Ordinal));

    // The octets written for a part: an encoder's output when MimeKit encodes at write time, else the content as stored.
    private static bool IsClean(MimePart part)
    {
        if (part.Content is not { } content)
        {
            return true;
        }

        if (EncodingLabels.IsEncodedOnWrite(part))
        {
            return true;
        }

        using var written = new MemoryStream();
        if (content.Encoding == part.ContentTransferEncoding || content.Encoding == ContentEncoding.Default)
        {
            content.WriteTo(written);
        }
        else
        {
            content.DecodeTo(written);
        }

        return WireOctets.Scan(written.GetBuffer().AsSpan(0, (int)written.Length)).SevenBitClean;
    }

    private static void ReEncode(MimePart part)
    {
        var decoded = new MemoryStream();
        part.Content!.DecodeTo(decoded);
        decoded.Position = 0;
        part.Content = new MimeContent(decoded);
        part.ContentTransferEncoding = part.ContentType.IsMimeType("text", "*") ? ContentEncoding.QuotedPrintable : ContentEncoding.Base64;
    }
}
