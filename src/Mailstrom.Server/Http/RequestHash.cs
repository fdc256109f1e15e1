using System.Security.Cryptography;
using System.Text;

namespace Mailstrom.Server.Http;

/// <summary>The fingerprint an idempotency key is bound to: SHA-256 over the media type and the raw body bytes.</summary>
internal static class RequestHash
{
    /// <summary>Computes the fingerprint.</summary>
    /// <param name="mediaType">The canonical media type of the body.</param>
    /// <param name="body">The raw body bytes, exactly as received.</param>
    /// <returns>The hash in lower-case hex.</returns>
    public static string Compute(string mediaType, ReadOnlySpan<byte> body)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.ASCII.GetBytes(mediaType + "\n"));
        hash.AppendData(body);
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }
}
