using Microsoft.Extensions.Options;

namespace Mailstrom.Server.Configuration;

/// <summary>Checks <see cref="StorageOptions"/> at start-up, naming the setting to fix.</summary>
internal sealed class StorageOptionsValidator : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return string.IsNullOrWhiteSpace(options.Sqlite.Path)
            ? ValidateOptionsResult.Fail(
                $"{StorageOptions.SectionName}:Sqlite:Path must name the database file, for example '{SqliteSettings.DefaultPath}'.")
            : ValidateOptionsResult.Success;
    }
}
