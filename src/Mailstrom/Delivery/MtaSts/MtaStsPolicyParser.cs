using System.Globalization;

namespace Mailstrom.Delivery.MtaSts;

/// <summary>
/// Parses a policy body (RFC 8461 §3.2): lines ending in LF or CRLF, each <c>key: value</c>. <c>version</c> (which must
/// be <c>STSv1</c>), <c>mode</c> (<c>enforce</c>, <c>testing</c> or <c>none</c>) and <c>max_age</c> (0 to 31557600
/// seconds) must appear exactly once, <c>mx</c> (a host name, or <c>*.</c> and a name) at least once unless the mode is
/// <c>none</c>; other keys are extensions, ignored when well formed. Keys and values are case-sensitive. Anything else
/// makes the whole policy invalid, which leaves the domain without one.
/// </summary>
internal static class MtaStsPolicyParser
{
    /// <summary>The largest <c>max_age</c> RFC 8461 allows: one year.</summary>
    public const long MaxAgeLimitSeconds = 31_557_600;

    /// <summary>Parses <paramref name="text"/>.</summary>
    /// <param name="text">The policy body.</param>
    /// <param name="error">Why the policy is invalid, when it is.</param>
    /// <returns>The policy, or <see langword="null"/> when it is invalid.</returns>
    public static MtaStsPolicy? TryParse(string text, out string? error)
    {
        ArgumentNullException.ThrowIfNull(text);
        string? version = null, mode = null, maxAge = null;
        var mx = new List<string>();
        var lines = text.Split('\n');
        var last = lines.Length;
        while (last > 0 && lines[last - 1].TrimEnd('\r').Length == 0)
        {
            last--; // the final line terminator (and blank lines after the last field)
        }

        for (var i = 0; i < last; i++)
        {
            var line = lines[i].EndsWith('\r') ? lines[i][..^1] : lines[i];
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                return Invalid($"line {i + 1} is not 'key: value'", out error);
            }

            var key = line[..colon];
            var value = line[(colon + 1)..].Trim(' ', '\t');
            if (value.Length == 0 || value.Any(c => c is < ' ' or > '~' && c != '\t'))
            {
                return Invalid($"line {i + 1} ('{key}') has no value or a character outside printable ASCII", out error);
            }

            switch (key)
            {
                case "version" when version is null:
                    version = value;
                    break;
                case "mode" when mode is null:
                    mode = value;
                    break;
                case "max_age" when maxAge is null:
                    maxAge = value;
                    break;
                case "mx":
                    mx.Add(value);
                    break;
                case "version" or "mode" or "max_age":
                    return Invalid($"'{key}' appears more than once", out error);
                default:
                    if (!IsExtensionName(key))
                    {
                        return Invalid($"line {i + 1} has an invalid key", out error);
                    }

                    break;
            }
        }

        return Build(version, mode, maxAge, mx, out error);
    }

    private static MtaStsPolicy? Build(string? version, string? mode, string? maxAge, List<string> mx, out string? error)
    {
        if (version != "STSv1")
        {
            return Invalid(version is null ? "no version" : "version is not STSv1", out error);
        }

        MtaStsMode parsedMode;
        switch (mode)
        {
            case "enforce": parsedMode = MtaStsMode.Enforce; break;
            case "testing": parsedMode = MtaStsMode.Testing; break;
            case "none": parsedMode = MtaStsMode.None; break;
            default: return Invalid(mode is null ? "no mode" : "mode is not enforce, testing or none", out error);
        }

        var seconds = maxAge is { Length: >= 1 and <= 10 } && maxAge.All(char.IsAsciiDigit)
            ? long.Parse(maxAge, NumberStyles.None, CultureInfo.InvariantCulture)
            : -1;
        if (seconds is < 0 or > MaxAgeLimitSeconds)
        {
            return Invalid(maxAge is null ? "no max_age" : $"max_age is not a number of seconds up to {MaxAgeLimitSeconds}", out error);
        }

        if (mx.FirstOrDefault(p => !IsMxPattern(p)) is { } bad)
        {
            return Invalid($"mx '{bad}' is not a host name or *. and a host name", out error);
        }

        if (mx.Count == 0 && parsedMode != MtaStsMode.None)
        {
            return Invalid($"mode {mode} without any mx", out error);
        }

        error = null;
        return new MtaStsPolicy(parsedMode, [.. mx.Select(p => p.TrimEnd('.').ToLowerInvariant())], TimeSpan.FromSeconds(seconds));
    }

    private static MtaStsPolicy? Invalid(string reason, out string? error)
    {
        error = reason;
        return null;
    }

    // sts-policy-ext-name = (ALPHA / DIGIT) *31(ALPHA / DIGIT / "_" / "-" / ".")
    private static bool IsExtensionName(string key) => MtaStsTxtRecord.IsName(key);

    private static bool IsMxPattern(string pattern)
    {
        var name = pattern.StartsWith("*.", StringComparison.Ordinal) ? pattern[2..] : pattern;
        name = name.EndsWith('.') ? name[..^1] : name;
        return name.Length is > 0 and <= 253 && name.Split('.').All(IsLabel);
    }

    private static bool IsLabel(string label) =>
        label.Length is >= 1 and <= 63 && char.IsAsciiLetterOrDigit(label[0]) && char.IsAsciiLetterOrDigit(label[^1])
        && label.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');
}
