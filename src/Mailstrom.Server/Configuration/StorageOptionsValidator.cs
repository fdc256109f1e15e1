using Microsoft.Extensions.Options;

namespace Mailstrom.Server.Configuration;

/// <summary>Validates <see cref="StorageOptions"/> at start-up, naming the key to fix and the values allowed.</summary>
/// <param name="configuration">The app's configuration, for the <c>AzureWebJobsStorage</c> fallback.</param>
internal sealed class StorageOptionsValidator(IConfiguration? configuration = null) : IValidateOptions<StorageOptions>
{
    public ValidateOptionsResult Validate(string? name, StorageOptions options)
    {
        var failures = new List<string>();
        if (ValidateProvider(options.Provider) is { } providerFailure)
        {
            failures.Add(providerFailure);
        }

        if (string.Equals(options.Provider, StorageProviders.AzureStorage, StringComparison.OrdinalIgnoreCase)
            && string.IsNullOrWhiteSpace(AzureConnectionString(options, configuration)))
        {
            failures.Add(
                $"{StorageOptions.SectionName}:Provider is '{StorageProviders.AzureStorage}' but no connection string is set: set " +
                $"{StorageOptions.SectionName}:AzureStorage:ConnectionString or {AzureStorageSettings.HostStorageKey} " +
                "(for example 'UseDevelopmentStorage=true' for Azurite).");
        }

        if (string.IsNullOrWhiteSpace(options.Sqlite.Path))
        {
            failures.Add(
                $"{StorageOptions.SectionName}:Sqlite:Path must name the database file, for example '{SqliteSettings.DefaultPath}'.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>The Azure Storage connection string: the backend's own setting, else <c>AzureWebJobsStorage</c>.</summary>
    /// <param name="options">The storage options.</param>
    /// <param name="configuration">The app's configuration.</param>
    /// <returns>The connection string, or <see langword="null"/> when neither is set.</returns>
    public static string? AzureConnectionString(StorageOptions options, IConfiguration? configuration) =>
        !string.IsNullOrWhiteSpace(options.AzureStorage.ConnectionString)
            ? options.AzureStorage.ConnectionString
            : configuration?[AzureStorageSettings.HostStorageKey];

    /// <summary>Checks a provider name.</summary>
    /// <param name="provider">The configured provider.</param>
    /// <returns>The failure message naming the valid values, or <see langword="null"/> when the provider is valid.</returns>
    public static string? ValidateProvider(string? provider) =>
        provider is not null && StorageProviders.All.Contains(provider, StringComparer.OrdinalIgnoreCase)
            ? null
            : $"{StorageOptions.SectionName}:Provider '{provider}' is not available in this build; " +
              $"valid values: {string.Join(", ", StorageProviders.All)}.";
}
