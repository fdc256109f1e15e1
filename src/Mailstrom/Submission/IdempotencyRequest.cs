using Mailstrom.Model;
using MimeKit;

namespace Mailstrom.Submission;

/// <summary>A caller's idempotency key and the fingerprint of the email it came with.</summary>
/// <param name="Key">The caller's key (the HTTP <c>Idempotency-Key</c> header), at most 256 characters.</param>
/// <param name="RequestHash">The email's fingerprint (<see cref="RequestFingerprint"/>): the same key with another
/// fingerprint is a conflict.</param>
public sealed record IdempotencyRequest(string Key, string RequestHash)
{
    /// <summary>How long a key stays bound to its first request.</summary>
    public static readonly TimeSpan Window = TimeSpan.FromHours(24);

    /// <summary>The longest key accepted.</summary>
    public const int MaxKeyLength = 256;

    /// <summary>Why <paramref name="key"/> is not a usable key, or <see langword="null"/> when it is.</summary>
    /// <param name="key">A caller's key.</param>
    /// <returns>The rule it breaks, phrased to follow "The key ...".</returns>
    public static string? Problem(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key.Length is 0 or > MaxKeyLength)
        {
            return $"must be 1 to {MaxKeyLength} characters long";
        }

        return key.Any(c => c is < '!' or > '~') ? "may contain only visible ASCII characters (no spaces)" : null;
    }

    /// <summary>The key and fingerprint for a JSON-shaped request, or <see langword="null"/> without a key.</summary>
    /// <param name="options">The caller's send options.</param>
    /// <param name="request">The email.</param>
    /// <returns>The idempotency request.</returns>
    /// <exception cref="ArgumentException">The key is not 1 to 256 visible ASCII characters.</exception>
    public static IdempotencyRequest? For(SendOptions? options, EmailRequest request) =>
        Checked(options?.IdempotencyKey) is { } key ? new IdempotencyRequest(key, RequestFingerprint.Compute(request)) : null;

    /// <summary>The key and fingerprint for a MIME message, or <see langword="null"/> without a key.</summary>
    /// <param name="options">The caller's send options.</param>
    /// <param name="message">The email.</param>
    /// <returns>The idempotency request.</returns>
    /// <exception cref="ArgumentException">The key is not 1 to 256 visible ASCII characters.</exception>
    public static IdempotencyRequest? For(SendOptions? options, MimeMessage message) =>
        Checked(options?.IdempotencyKey) is { } key ? new IdempotencyRequest(key, RequestFingerprint.Compute(message)) : null;

    private static string? Checked(string? key)
    {
        if (key is null)
        {
            return null;
        }

        return Problem(key) is { } problem
            ? throw new ArgumentException($"The idempotency key {problem}.", nameof(key))
            : key;
    }
}
