using Mailstrom.DependencyInjection;
using Mailstrom.Storage.AzureStorage;
using Mailstrom.Storage.Sqlite;
using Microsoft.Extensions.Options;

namespace Mailstrom.Server.Configuration;

/// <summary>Registers Mailstrom with the engine chosen in <c>Mailstrom:Engine</c> and, for the native engine, its store.</summary>
internal static class EngineServiceCollectionExtensions
{
    /// <summary>The configuration key that chooses the engine.</summary>
    public const string EngineKey = "Mailstrom:Engine";

    /// <summary>
    /// Adds Mailstrom with the engine named by <c>Mailstrom:Engine</c>: <c>Native</c> (the default: the delivery worker
    /// over the store named by <c>Mailstrom:Storage:Provider</c>) or <c>Durable</c> (one orchestration per email on an
    /// Azure Storage task hub served by this process, settings in <c>Mailstrom:Durable</c>). An unknown engine fails
    /// start-up with a message listing the valid ones.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <returns>The same builder.</returns>
    public static IHostApplicationBuilder AddMailstromEngine(this IHostApplicationBuilder builder)
    {
        var engine = builder.Configuration[EngineKey] ?? Engines.Native;
        if (engine.Equals(Engines.Durable, StringComparison.OrdinalIgnoreCase))
        {
            // Mailstrom:Delivery:EnableWorker=false makes an accept-and-report process here too: it runs no worker.
            var deliver = builder.Configuration.GetValue("Mailstrom:Delivery:EnableWorker", defaultValue: true);
            builder.Services.AddMailstrom().UseAzureStorageTaskHub(deliver: deliver);
            return builder;
        }

        if (!engine.Equals(Engines.Native, StringComparison.OrdinalIgnoreCase))
        {
            throw new OptionsValidationException(EngineKey, typeof(string),
                [$"{EngineKey} '{engine}' is not an engine of this build; valid values: {Engines.Native}, {Engines.Durable}."]);
        }

        return builder.AddMailstromWithStorage();
    }

    /// <summary>
    /// Adds the Mailstrom engine (settings from <c>Mailstrom</c>) and the store named by
    /// <c>Mailstrom:Storage:Provider</c>. An unknown provider fails start-up with a message listing the valid ones.
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="OptionsValidationException">The provider is not one of <see cref="StorageProviders.All"/>.</exception>
    private static IHostApplicationBuilder AddMailstromWithStorage(this IHostApplicationBuilder builder)
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

/// <summary>The engines <c>Mailstrom:Engine</c> chooses from.</summary>
internal static class Engines
{
    /// <summary>The delivery worker over a store: one machine, fastest.</summary>
    public const string Native = "Native";

    /// <summary>One Durable Task orchestration per email on an Azure Storage task hub: scale-out.</summary>
    public const string Durable = "Durable";
}
