using Microsoft.Extensions.Options;

namespace Mailstrom.Server.Configuration;

/// <summary>
/// Validates <see cref="ApiOptions"/> at start-up: every key must be non-empty visible ASCII (it travels in a header
/// and a query string). Messages name the key's index, never its value.
/// </summary>
internal sealed class ApiOptionsValidator : IValidateOptions<ApiOptions>
{
    /// <summary>Keys shorter than this are accepted but reported at start-up as guessable.</summary>
    public const int RecommendedMinKeyLength = 16;

    public ValidateOptionsResult Validate(string? name, ApiOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.Keys.Count; i++)
        {
            var key = options.Keys[i];
            if (string.IsNullOrEmpty(key) || key.Any(c => c is < '!' or > '~'))
            {
                failures.Add(
                    $"{ApiOptions.SectionName}:Keys:{i} must be a non-empty string of visible ASCII characters (no spaces or " +
                    "control characters); generate one with, for example, 'openssl rand -hex 32'.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
