namespace Mailstrom.Functions.Configuration;

/// <summary>Where the function app keeps its emails (<c>Mailstrom:Storage</c>).</summary>
public sealed class StorageOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Mailstrom:Storage";

    /// <summary>The storage backend: one of <see cref="StorageProviders.All"/>.</summary>
    /// <value>Defaults to <see cref="StorageProviders.Sqlite"/>.</value>
    public string Provider { get; set; } = StorageProviders.Sqlite;

    /// <summary>Settings of the SQLite backend.</summary>
    public SqliteSettings Sqlite { get; set; } = new();
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

/// <summary>The storage backends this build of the function app offers.</summary>
public static class StorageProviders
{
    /// <summary>The embedded SQLite database: one file, survives restarts, one instance.</summary>
    public const string Sqlite = "Sqlite";

    /// <summary>Every valid value of <see cref="StorageOptions.Provider"/>.</summary>
    public static IReadOnlyList<string> All { get; } = [Sqlite];
}
