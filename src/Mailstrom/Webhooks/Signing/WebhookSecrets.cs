namespace Mailstrom.Webhooks.Signing;

/// <summary>
/// Reads an endpoint's signing secrets: one or more Standard Webhooks secrets (<c>whsec_</c> + base64 of 24 to 64
/// bytes) separated by white space. Error messages never repeat a secret.
/// </summary>
public static class WebhookSecrets
{
    /// <summary>The prefix of every secret.</summary>
    public const string Prefix = "whsec_";

    /// <summary>The fewest key bytes a secret may have (the specification's minimum).</summary>
    public const int MinBytes = 24;

    /// <summary>The most key bytes a secret may have (the specification's maximum).</summary>
    public const int MaxBytes = 64;

    /// <summary>Reads the keys of <paramref name="text"/>.</summary>
    /// <param name="text">The configured secret(s).</param>
    /// <param name="keys">The key bytes of each secret, in order, when valid.</param>
    /// <param name="error">Why the text is not valid, without the secret itself.</param>
    /// <returns>Whether every secret is valid and there is at least one.</returns>
    public static bool TryParse(string? text, out IReadOnlyList<byte[]> keys, out string? error)
    {
        keys = [];
        var parts = (text ?? string.Empty).Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            error = $"is required: a secret in the form {Prefix}<base64 of {MinBytes} to {MaxBytes} random bytes>";
            return false;
        }

        var parsed = new List<byte[]>(parts.Length);
        for (var i = 0; i < parts.Length; i++)
        {
            var part = parts[i];
            var position = parts.Length == 1 ? "the secret" : $"secret {i + 1} of {parts.Length}";
            if (!part.StartsWith(Prefix, StringComparison.Ordinal))
            {
                error = $"{position} does not start with {Prefix}";
                return false;
            }

            var key = new byte[part.Length];
            if (!Convert.TryFromBase64String(part[Prefix.Length..], key, out var length))
            {
                error = $"{position} is not base64 after {Prefix}";
                return false;
            }

            if (length is < MinBytes or > MaxBytes)
            {
                error = $"{position} has {length} key bytes; use {MinBytes} to {MaxBytes}";
                return false;
            }

            parsed.Add(key[..length]);
        }

        keys = parsed;
        error = null;
        return true;
    }

    /// <summary>Reads the keys of a secret setting already validated at start-up.</summary>
    /// <param name="text">The configured secret(s).</param>
    /// <returns>The key bytes of each secret.</returns>
    /// <exception cref="FormatException">The text is not valid.</exception>
    public static IReadOnlyList<byte[]> Parse(string? text) =>
        TryParse(text, out var keys, out var error) ? keys : throw new FormatException("The webhook secret " + error + ".");
}
