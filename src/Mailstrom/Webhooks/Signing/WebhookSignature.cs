using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace Mailstrom.Webhooks.Signing;

/// <summary>
/// The Standard Webhooks signature: <c>v1,</c> + base64(HMAC-SHA256(key, "{id}.{timestamp}.{body}")), one entry per key,
/// separated by spaces (so a receiver holding either the new or the old secret of a rotation accepts the request).
/// </summary>
public static class WebhookSignature
{
    /// <summary>The version prefix of each signature entry.</summary>
    public const string Version = "v1";

    /// <summary>Signs one request.</summary>
    /// <param name="id">The <c>webhook-id</c>.</param>
    /// <param name="timestamp">The <c>webhook-timestamp</c>: Unix seconds of the send.</param>
    /// <param name="body">The exact request body.</param>
    /// <param name="keys">The key bytes of each current secret.</param>
    /// <returns>The <c>webhook-signature</c> header value.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="keys"/> is empty.</exception>
    public static string Sign(string id, long timestamp, string body, IReadOnlyList<byte[]> keys)
    {
        ArgumentNullException.ThrowIfNull(id);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentNullException.ThrowIfNull(keys);
        if (keys.Count == 0)
        {
            throw new ArgumentException("At least one signing key is needed.", nameof(keys));
        }

        var content = Encoding.UTF8.GetBytes(string.Create(CultureInfo.InvariantCulture, $"{id}.{timestamp}.{body}"));
        return string.Join(' ', keys.Select(key => $"{Version},{Convert.ToBase64String(HMACSHA256.HashData(key, content))}"));
    }
}
