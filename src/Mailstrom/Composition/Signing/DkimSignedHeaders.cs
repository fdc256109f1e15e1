using MimeKit;

namespace Mailstrom.Composition.Signing;

/// <summary>
/// Which header fields a DKIM signature covers (its <c>h=</c> list): each of <see cref="Candidates"/> present in the
/// message once more than it occurs, and From always. The extra instance signs the absence of another one (RFC 6376
/// §5.4.2, over-signing): MimeKit's signer hashes a listed field that is not there as nothing, which any verifier does
/// too, so a second From, Subject, To or Reply-To added above the signed one in transit breaks the signature (verifiers
/// check the last instance, mail clients often show the first: RFC 6376 §8.15). Other absent fields are not listed.
/// </summary>
internal static class DkimSignedHeaders
{
    /// <summary>The fields signed when present, in <c>h=</c> order.</summary>
    public static readonly IReadOnlyList<string> Candidates =
    [
        "From", "Sender", "To", "Cc", "Subject", "Date", "Message-ID", "Reply-To", "In-Reply-To", "References",
        "MIME-Version", "Content-Type", "Content-Transfer-Encoding", "List-Unsubscribe", "List-Unsubscribe-Post",
    ];

    /// <summary>The <c>h=</c> list for <paramref name="message"/> as it will be written.</summary>
    /// <param name="message">The message, prepared for writing.</param>
    /// <returns>The field names: From at least twice, every other present field once more than it occurs.</returns>
    public static IReadOnlyList<string> For(MimeMessage message)
    {
        var fields = new List<string>();
        foreach (var name in Candidates)
        {
            // MimeKit keeps the top-level Content-* fields on the body entity and writes them with the message's.
            var headers = name.StartsWith("Content-", StringComparison.OrdinalIgnoreCase) ? message.Body?.Headers : message.Headers;
            var count = headers?.Count(h => h.Field.Equals(name, StringComparison.OrdinalIgnoreCase)) ?? 0;
            if (count > 0 || name == "From")
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
