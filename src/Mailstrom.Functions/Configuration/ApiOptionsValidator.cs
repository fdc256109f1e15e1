using Microsoft.Extensions.Options;

namespace Mailstrom.Functions.Configuration;

/// <summary>Validates <see cref="ApiOptions"/> at start-up.</summary>
internal sealed class ApiOptionsValidator : IValidateOptions<ApiOptions>
{
    /// <summary>The shortest key accepted: a key must not be guessable.</summary>
    public const int MinKeyLength = 16;

    public ValidateOptionsResult Validate(string? name, ApiOptions options)
    {
        var failures = new List<string>();
        for (var i = 0; i < options.Keys.Count; i++)
        {
            var key = options.Keys[i];
            if (string.IsNullOrWhiteSpace(key) || key.Length < MinKeyLength)
            {
                failures.Add(
                    $"{ApiOptions.SectionName}:Keys:{i} must be at least {MinKeyLength} characters long; " +
                    "generate one with, for example, 'openssl rand -base64 32'.");
            }
            else if (key.Any(c => c is < '!' or > '~'))
            {
                failures.Add(
                    $"{ApiOptions.SectionName}:Keys:{i} must contain only visible ASCII characters (no spaces or control characters).");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
