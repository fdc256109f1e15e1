using Microsoft.Extensions.Options;

namespace Mailstrom.Functions.Configuration;

/// <summary>Validates <see cref="StorageOptions"/> at start-up, naming the key to fix and the values allowed.</summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var failures = new List<string>();
        if (!StorageProviders.All.Contains(options.Provider, StringComparer.OrdinalIgnoreCase))
        {
            failures.Add(
                $"{StorageOptions.SectionName}:Provider '{options.Provider}' is not available in this build; " +
                $"valid values: {string.Join(", ", StorageProviders.All)}.");
        }

        if (string.IsNullOrWhiteSpace(options.Sqlite.Path))
        {
            failures.Add(
                $"{StorageOptions.SectionName}:Sqlite:Path must name the database file, for example '{SqliteSettings.DefaultPath}'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
