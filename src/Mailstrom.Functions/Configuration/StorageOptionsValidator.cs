using Microsoft.Extensions.Options;

namespace Mailstrom.Functions.Configuration;

/// <summary>Validates <see cref="StorageOptions"/> at start-up, naming the key to fix and the values allowed.</summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var failures = new List<string>();
        if (ValidateProvider(options.Provider) is { } providerFailure)
        {
            failures.Add(providerFailure);
        }

        if (string.IsNullOrWhiteSpace(options.Sqlite.Path))
        {
            failures.Add(
                $"{StorageOptions.SectionName}:Sqlite:Path must name the database file, for example '{SqliteSettings.DefaultPath}'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>Checks a provider name.</summary>
    /// <param name="provider">The configured provider.</param>
    /// <returns>The failure message naming the valid values, or <see langword="null"/> when the provider is valid.</returns>
    public static string? ValidateProvider(string? provider) =>
        provider is not null && StorageProviders.All.Contains(provider, StringComparer.OrdinalIgnoreCase)
            ? null
            : $"{StorageOptions.SectionName}:Provider '{provider}' is not available in this build; " +
              $"valid values: {string.Join(", ", StorageProviders.All)}.";
}
