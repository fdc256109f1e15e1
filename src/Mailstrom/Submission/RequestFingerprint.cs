using System.Security.Cryptography;
using System.Text.Json;
using Mailstrom.Model;
using MimeKit;

namespace Mailstrom.Submission;

/// <summary>
/// The fingerprint that decides whether a retried submission is "the same email" for idempotency: a SHA-256 over a
/// canonical form, so that two encodings of one email (JSON key order, whitespace, an absent list or an empty one,
/// header order in the map) are the same, and any difference in what would be sent is not.
/// </summary>
public static class RequestFingerprint
{
    /// <summary>The fingerprint of a JSON-shaped email request.</summary>
    /// <param name="request">The request.</param>
    /// <returns>64 lowercase hexadecimal digits.</returns>
    public static string Compute(EmailRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartArray();
            writer.WriteStringValue("request/1");
            writer.WriteStringValue(request.From);
            WriteList(writer, request.To);
            WriteList(writer, request.Cc);
            WriteList(writer, request.Bcc);
            WriteList(writer, request.ReplyTo);
            writer.WriteStringValue(request.Subject);
            writer.WriteStringValue(request.Text);
            writer.WriteStringValue(request.Html);
            writer.WriteStartArray();
            foreach (var (name, value) in (request.Headers ?? new Dictionary<string, string>()).OrderBy(h => h.Key, StringComparer.Ordinal))
            {
                writer.WriteStringValue(name);
                writer.WriteStringValue(value);
            }

            writer.WriteEndArray();
            writer.WriteStartArray();
            foreach (var attachment in request.Attachments ?? [])
            {
                writer.WriteStringValue(attachment?.FileName);
                writer.WriteStringValue(attachment?.ContentType);
                writer.WriteStringValue(attachment?.Content);
            }

            writer.WriteEndArray();
            writer.WriteEndArray();
        }

        return Convert.ToHexStringLower(SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)));
    }

    /// <summary>The fingerprint of a MIME message: a hash of the bytes it writes.</summary>
    /// <param name="message">The message.</param>
    /// <returns>64 lowercase hexadecimal digits.</returns>
    public static string Compute(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData("message/1\n"u8);
        using var buffer = new MemoryStream();
        message.WriteTo(FormatOptions.Default, buffer);
        hash.AppendData(buffer.GetBuffer(), 0, (int)buffer.Length);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void WriteList(Utf8JsonWriter writer, IList<string>? values)
    {
        writer.WriteStartArray();
        foreach (var value in values ?? [])
        {
            writer.WriteStringValue(value);
        }

        writer.WriteEndArray();
    }
}
