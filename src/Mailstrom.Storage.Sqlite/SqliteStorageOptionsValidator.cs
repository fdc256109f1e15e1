using Microsoft.Extensions.Options;

namespace Mailstrom.Storage.Sqlite;

/// <summary>Validates <see cref="SqliteStorageOptions"/> at start-up with messages that say what to fix.</summary>
internal sealed class SqliteStorageOptionsValidator : IValidateOptions<SqliteStorageOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, SqliteStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.Path))
        {
            failures.Add("SqliteStorageOptions.Path is required: set it to the database file, for example 'data/mailstrom.db'.");
        }
        else if (options.Path.IndexOfAny(System.IO.Path.GetInvalidPathChars()) >= 0)
        {
            failures.Add($"SqliteStorageOptions.Path '{options.Path}' contains characters that are not valid in a path.");
        }

        if (options.BusyTimeout < TimeSpan.FromMilliseconds(1) || options.BusyTimeout > TimeSpan.FromMilliseconds(int.MaxValue))
        {
            failures.Add($"SqliteStorageOptions.BusyTimeout must be positive (it is {options.BusyTimeout}); 5 seconds is a good value.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
