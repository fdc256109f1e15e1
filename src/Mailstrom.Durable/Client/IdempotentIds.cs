using System.Security.Cryptography;
using System.Text;

namespace Mailstrom.Durable.Client;

/// <summary>
/// The Durable engine's idempotency: an email sent with an idempotency key gets an id derived from the key, so the
/// task hub's one-instance-per-id rule makes a retried submission find the first one instead of starting another.
/// </summary>
public static class IdempotentIds
{
    /// <summary>The email id for an idempotency key: the first 128 bits of its SHA-256, as 32 lowercase hex digits.</summary>
    /// <param name="key">The caller's key.</param>
    /// <returns>An id of the same form as a generated one.</returns>
    public static string For(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes("mailstrom-idempotency-key\n" + key), hash);
        return Convert.ToHexStringLower(hash[..16]);
    }
}
