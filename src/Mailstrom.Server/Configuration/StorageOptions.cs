namespace Mailstrom.Server.Configuration;

/// <summary>Where the server keeps its emails (<c>Mailstrom:Storage</c>).</summary>
public sealed class StorageOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Mailstrom:Storage";

    /// <summary>The storage backend: one of <see cref="StorageProviders.All"/>.</summary>
    /// <value>Defaults to <see cref="StorageProviders.Sqlite"/>.</value>
    public string Provider { get; set; } = StorageProviders.Sqlite;

    /// <summary>Settings of the SQLite backend.</summary>
    public SqliteSettings Sqlite { get; set; } = new();

    /// <summary>Settings of the Azure Storage backend.</summary>
    public AzureStorageSettings AzureStorage { get; set; } = new();
}

/// <summary>Settings of the Azure Storage backend (<c>Mailstrom:Storage:AzureStorage</c>).</summary>
public sealed class AzureStorageSettings
{
    /// <summary>The top-level key the Functions host uses for its own storage account, used when no connection string is set here.</summary>
    public const string HostStorageKey = "AzureWebJobsStorage";

    /// <summary>
    /// The storage account's connection string (<c>UseDevelopmentStorage=true</c> for Azurite). When empty, the
    /// top-level <c>AzureWebJobsStorage</c> setting is used.
    /// </summary>
    /// <value>Defaults to none (falls back to <c>AzureWebJobsStorage</c>).</value>
    public string? ConnectionString { get; set; }

    /// <summary>The prefix of the tables, queues and container, so several apps can share one account.</summary>
    /// <value>Defaults to <c>mailstrom</c>.</value>
    public string NamePrefix { get; set; } = Mailstrom.Storage.AzureStorage.AzureStorageOptions.DefaultNamePrefix;

    /// <summary>How many times a recipient's work may be taken without a result before it is failed as poison.</summary>
    /// <value>Defaults to 20.</value>
    public int MaxDequeueCount { get; set; } = 20;
}

/// <summary>Settings of the SQLite backend (<c>Mailstrom:Storage:Sqlite</c>).</summary>
public sealed class SqliteSettings
{
    /// <summary>The default database file, relative to the content root.</summary>
    public const string DefaultPath = "data/mailstrom.db";

    /// <summary>
    /// The database file. A relative path is resolved against the app's content root; its directory is created when
    /// missing. Keep it on a local disk.
    /// </summary>
    /// <value>Defaults to <c>data/mailstrom.db</c>.</value>
    public string Path { get; set; } = DefaultPath;
}

/// <summary>The storage backends this build of the server offers.</summary>
public static class StorageProviders
{
    /// <summary>The embedded SQLite database: one file, survives restarts, one instance.</summary>
    public const string Sqlite = "Sqlite";

    /// <summary>Azure Storage (Tables, Queues, Blobs; Azurite locally): several instances share one account.</summary>
    public const string AzureStorage = "AzureStorage";

    /// <summary>Every valid value of <see cref="StorageOptions.Provider"/>.</summary>
    public static IReadOnlyList<string> All { get; } = [Sqlite, AzureStorage];
}
