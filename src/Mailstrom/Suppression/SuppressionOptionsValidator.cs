using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace Mailstrom.Suppression;

/// <summary>Validates <see cref="MailstromOptions.Suppression"/> at start-up: every status code is a permanent RFC 3463 code.</summary>
internal sealed partial class SuppressionOptionsValidator : IValidateOptions<MailstromOptions>
{
    public ValidateOptionsResult Validate(string? name, MailstromOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = Check(options.Suppression).ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Every problem of <paramref name="options"/>, each naming its key.</summary>
    internal static IEnumerable<string> Check(SuppressionOptions options)
    {
        if (options.StatusCodes is not { } codes)
        {
            yield break;
        }

        for (var i = 0; i < codes.Count; i++)
        {
            if (codes[i] is not { } code || !PermanentCode().IsMatch(code))
            {
                yield return $"{SuppressionOptions.SectionName}:StatusCodes:{i} ('{Clip(codes[i])}') must be a permanent RFC 3463 " +
                    "enhanced status code such as 5.1.1 (5, a dot, 1 to 3 digits, a dot, 1 to 3 digits).";
            }
        }
    }

    private static string Clip(string? value) => value is null ? string.Empty : value.Length <= 20 ? value : value[..20] + "...";

    [GeneratedRegex(@"^5\.[0-9]{1,3}\.[0-9]{1,3}$", RegexOptions.CultureInvariant)]
    private static partial Regex PermanentCode();
}
