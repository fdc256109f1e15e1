using System.Security.Cryptography;
using System.Text;
using Mailstrom.Server.Configuration;
using Microsoft.Extensions.Options;

namespace Mailstrom.Server.Security;

/// <summary>
/// Checks a presented key against <c>Mailstrom:Api:Keys</c> in constant time. Both sides are hashed with SHA-256 first,
/// so neither the content nor the length of a configured key can be learned from response timing.
/// </summary>
internal sealed class FunctionKeyVerifier
{
    private readonly byte[][] _keyHashes;

    public FunctionKeyVerifier(IOptions<ApiOptions> options)
    {
        _keyHashes = [.. options.Value.Keys.Where(k => !string.IsNullOrEmpty(k)).Select(Hash)];
        ShortKeyCount = options.Value.Keys.Count(k => !string.IsNullOrEmpty(k) && k.Length < ApiOptionsValidator.RecommendedMinKeyLength);
    }

    /// <summary>How many configured keys are shorter than <see cref="ApiOptionsValidator.RecommendedMinKeyLength"/>.</summary>
    public int ShortKeyCount { get; }

    /// <summary>Whether any key is configured. Without one, only loopback clients are served.</summary>
    public bool HasKeys => _keyHashes.Length > 0;

    /// <summary>Whether <paramref name="candidate"/> equals one of the configured keys.</summary>
    /// <param name="candidate">The key the caller presented.</param>
    /// <returns><see langword="true"/> when it matches.</returns>
    public bool IsValid(string candidate)
    {
        var candidateHash = Hash(candidate);
        var match = false;
        foreach (var keyHash in _keyHashes)
        {
            // No early exit: every configured key is compared.
            match |= CryptographicOperations.FixedTimeEquals(candidateHash, keyHash);
        }

        return match;
    }

    private static byte[] Hash(string key) => SHA256.HashData(Encoding.UTF8.GetBytes(key));
}
