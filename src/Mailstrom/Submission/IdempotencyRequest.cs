namespace Mailstrom.Submission;

/// <summary>A caller's idempotency key and the fingerprint of the request it came with.</summary>
/// <param name="Key">The caller's key (the HTTP <c>Idempotency-Key</c> header), at most 256 characters.</param>
/// <param name="RequestHash">A hash of the request (for HTTP, of the raw body bytes).</param>
public sealed record IdempotencyRequest(string Key, string RequestHash)
{
    /// <summary>How long a key stays bound to its first request.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    /// <summary>The longest key accepted.</summary>
    public const int MaxKeyLength = 256;
}
