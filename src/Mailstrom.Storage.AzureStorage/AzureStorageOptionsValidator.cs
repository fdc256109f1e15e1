using Mailstrom.Storage.AzureStorage.Internal;
using Microsoft.Extensions.Options;

namespace Mailstrom.Storage.AzureStorage;

/// <summary>Validates <see cref="AzureStorageOptions"/> at start-up with messages that say what to fix.</summary>
internal sealed class AzureStorageOptionsValidator : IValidateOptions<AzureStorageOptions>
{
    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, AzureStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
        {
            failures.Add("AzureStorageOptions.ConnectionString is required: set it to the storage account's connection string, " +
                "or 'UseDevelopmentStorage=true' for Azurite.");
        }

        if (!StorageNames.IsValidPrefix(options.NamePrefix))
        {
            failures.Add($"AzureStorageOptions.NamePrefix '{options.NamePrefix}' is not valid: use 1 to {StorageNames.MaxPrefixLength} " +
                "lower-case letters and digits, starting with a letter (it begins table, queue and container names).");
        }

        if (options.MaxDequeueCount is < 1 or > 1000)
        {
            failures.Add($"AzureStorageOptions.MaxDequeueCount must be between 1 and 1000 (it is {options.MaxDequeueCount}); 20 is a good value.");
        }

        CheckRange(failures, nameof(options.FailedMessageRetryDelay), options.FailedMessageRetryDelay, TimeSpan.Zero, TimeSpan.FromHours(1));
        CheckRange(failures, nameof(options.SweepInterval), options.SweepInterval, TimeSpan.FromSeconds(1), TimeSpan.FromDays(1));
        CheckRange(failures, nameof(options.LostMessageAfter), options.LostMessageAfter, TimeSpan.FromSeconds(1), TimeSpan.FromDays(7));
        CheckRange(failures, nameof(options.OrphanMessageMaxAge), options.OrphanMessageMaxAge, TimeSpan.FromSeconds(1), TimeSpan.FromDays(7));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckRange(List<string> failures, string name, TimeSpan value, TimeSpan min, TimeSpan max)
    {
        if (value < min || value > max)
        {
            failures.Add($"AzureStorageOptions.{name} must be between {min} and {max} (it is {value}).");
        }
    }
}
