using MimeKit;

namespace Mailstrom.Composition.Signing;

/// <summary>
/// Which header fields a DKIM signature covers (its <c>h=</c> list): each of <see cref="Candidates"/> as many times as it
/// occurs in the message, and From once more than it occurs. The extra From signs the absence of another one (RFC 6376
/// §5.4.2, over-signing): MimeKit's signer hashes a listed field that is not there as nothing, which any verifier does
/// too, so a From header added in transit breaks the signature. Fields not present are not listed.
/// </summary>
internal static class DkimSignedHeaders
{
    /// <summary>The fields signed when present, in <c>h=</c> order.</summary>
    public static readonly IReadOnlyList<string> Candidates =
    [
        "From", "To", "Cc", "Subject", "Date", "Message-ID", "Reply-To", "MIME-Version", "Content-Type",
        "List-Unsubscribe", "List-Unsubscribe-Post",
    ];

    /// <summary>The <c>h=</c> list for <paramref name="message"/> as it will be written.</summary>
    /// <param name="message">The message, prepared for writing.</param>
    /// <returns>The field names, From at least twice.</returns>
    public static IReadOnlyList<string> For(MimeMessage message)
    {
        var fields = new List<string>();
        foreach (var name in Candidates)
        {
            // MimeKit keeps the top-level Content-* fields on the body entity and writes them with the message's.
            var headers = name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase) ? message.Body?.Headers : message.Headers;
            var count = headers?.Count(h => h.Field.Equals(name, StringComparison.OrdinalIgnoreCase)) ?? 0;
            if (name == "From")
            {
                count++;
            }

            for (var i = 0; i < count; i++)
            {
                fields.Add(name);
            }
        }

        return fields;
    }
}
