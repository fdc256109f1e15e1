using Mailstrom.DependencyInjection;
using Mailstrom.Storage.AzureStorage;
using Mailstrom.Storage.Sqlite;
using Microsoft.Extensions.Options;

namespace Mailstrom.Server.Configuration;

/// <summary>Registers Mailstrom with the storage backend chosen in <c>Mailstrom:Storage</c>.</summary>
internal static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Adds the Mailstrom engine (settings from <c>Mailstrom</c>) and the store named by
    /// <c>Mailstrom:Storage:Provider</c>. An unknown provider fails start-up with a message listing the valid ones.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="OptionsValidationException">The provider is not one of <see cref="StorageProviders.All"/>.</exception>
    public static IHostApplicationBuilder AddMailstromWithStorage(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<StorageOptions>>(sp => new StorageOptionsValidator(sp.GetService<IConfiguration>()));

        // The provider decides what is registered, so it is checked now rather than when the host starts.
        var provider = builder.Configuration[$"{StorageOptions.SectionName}:{nameof(StorageOptions.Provider)}"] ?? StorageProviders.Sqlite;
        if (StorageOptionsValidator.ValidateProvider(provider) is { } failure)
        {
            throw new OptionsValidationException(StorageOptions.SectionName, typeof(StorageOptions), [failure]);
        }

        var mailstrom = builder.Services.AddMailstrom();
        if (provider.Equals(StorageProviders.Sqlite, StringComparison.OrdinalIgnoreCase))
        {
            // The path is read when the store is first resolved, so every configuration source applies;
            // a relative path is resolved against the content root.
            mailstrom.UseSqlite(_ => { });
            builder.Services.AddOptions<SqliteStorageOptions>()
                .Configure<IOptions<StorageOptions>, IHostEnvironment>((sqlite, storage, environment) =>
                    sqlite.Path = string.IsNullOrWhiteSpace(storage.Value.Sqlite.Path)
                        ? string.Empty
                        : Path.GetFullPath(storage.Value.Sqlite.Path, environment.ContentRootPath));
        }

        else if (provider.Equals(StorageProviders.AzureStorage, StringComparison.OrdinalIgnoreCase))
        {
            // Read when the store is first resolved; a missing connection string fails start-up through the
            // StorageOptions validator, naming both settings.
            mailstrom.UseAzureStorage(_ => { });
            builder.Services.AddOptions<AzureStorageOptions>()
                .Configure<IOptions<StorageOptions>, IConfiguration>((azure, storage, configuration) =>
                {
                    azure.ConnectionString = StorageOptionsValidator.AzureConnectionString(storage.Value, configuration) ?? string.Empty;
                    azure.NamePrefix = storage.Value.AzureStorage.NamePrefix;
                    azure.MaxDequeueCount = storage.Value.AzureStorage.MaxDequeueCount;
                });
        }

        return builder;
    }
}
