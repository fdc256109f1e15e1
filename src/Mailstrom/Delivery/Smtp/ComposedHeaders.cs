using MimeKit;

namespace Mailstrom.Delivery.Smtp;

/// <summary>
/// Keeps a stored message's header fields exactly as the composer wrote them. MimeKit re-formats a parsed field
/// (addresses, Content-Type, unstructured text) when it writes with <see cref="FormatOptions.International"/>, as a
/// transaction that declares SMTPUTF8 does; a field given its own octets as an explicit raw value is written as it is.
/// Sending the composed octets unchanged is what keeps a DKIM signature, computed over them, valid.
/// </summary>
internal static class ComposedHeaders
{
    /// <summary>Marks every header field of <paramref name="message"/>, its MIME parts and attached messages as written.</summary>
    /// <param name="message">The message parsed from the stored octets.</param>
    public static void Freeze(MimeMessage message)
    {
        Freeze(message.Headers);
        if (message.Body is { } body)
        {
            Freeze(body);
        }
    }

    private static void Freeze(MimeEntity entity)
    {
        Freeze(entity.Headers);
        switch (entity)
        {
            case Multipart multipart:
                foreach (var child in multipart)
                {
                    Freeze(child);
                }

                break;
            case MessagePart { Message: { } attached }:
                Freeze(attached);
                break;
        }
    }

    private static void Freeze(HeaderList headers)
    {
        foreach (var header in headers)
        {
            // A field without a value (no colon) is written as its name alone either way.
            if (header.RawValue is [.., (byte)'\n'] raw)
            {
                header.SetRawValue(raw);
            }
        }
    }
}
