using Mailstrom.DependencyInjection;
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
    /// over the embedded SQLite store, <c>Mailstrom:Storage:Sqlite:Path</c>) or <c>Durable</c> (one orchestration per email on an
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

        return builder.AddNativeEngine();
    }

    /// <summary>The native engine over the embedded SQLite file named by <c>Mailstrom:Storage:Sqlite:Path</c>.</summary>
    private static IHostApplicationBuilder AddNativeEngine(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName).ValidateOnStart();
        builder.Services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();

        // The path is read when the store is first resolved, so every configuration source applies; a relative path
        // is resolved against the content root.
        builder.Services.AddMailstrom().UseSqlite(_ => { });
        builder.Services.AddOptions<SqliteStorageOptions>()
            .Configure<IOptions<StorageOptions>, IHostEnvironment>((sqlite, storage, environment) =>
                sqlite.Path = string.IsNullOrWhiteSpace(storage.Value.Sqlite.Path)
                    ? string.Empty
                    : Path.GetFullPath(storage.Value.Sqlite.Path, environment.ContentRootPath));
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
