namespace Mailstrom.Delivery.MtaSts;

/// <summary>
/// Matches an MX host name against a policy's <c>mx</c> pattern (RFC 8461 §4.1): an exact name, or <c>*.</c> followed by
/// a name, which stands for exactly one more leftmost label. Comparison ignores case and a trailing dot.
/// </summary>
internal static class MtaStsMxPattern
{
    /// <summary>Whether <paramref name="host"/> matches <paramref name="pattern"/>.</summary>
    public static bool Matches(string pattern, string host)
    {
        ArgumentNullException.ThrowIfNull(pattern);
        ArgumentNullException.ThrowIfNull(host);
        pattern = pattern.TrimEnd('.');
        host = host.TrimEnd('.');
        if (!pattern.StartsWith("*.", StringComparison.Ordinal))
        {
            return pattern.Length > 0 && string.Equals(pattern, host, StringComparison.OrdinalIgnoreCase);
        }

        var suffix = pattern[1..]; // ".example.com"
        if (suffix.Length < 2 || host.Length <= suffix.Length || !host.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        var label = host[..^suffix.Length];
        return label.Length > 0 && !label.Contains('.', StringComparison.Ordinal);
    }
}
