namespace Mailstrom.Server.Configuration;

/// <summary>Where the native engine keeps its emails (<c>Mailstrom:Storage</c>).</summary>
public sealed class StorageOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Mailstrom:Storage";

    /// <summary>Settings of the embedded SQLite store.</summary>
    public SqliteSettings Sqlite { get; set; } = new();
}

/// <summary>Settings of the embedded SQLite store (<c>Mailstrom:Storage:Sqlite</c>).</summary>
public sealed class SqliteSettings
{
    /// <summary>The default database file, relative to the content root.</summary>
    public const string DefaultPath = "data/mailstrom.db";

    /// <summary>The database file; a relative path is resolved against the content root, and its directory is created.</summary>
    /// <value>Defaults to <see cref="DefaultPath"/>.</value>
    public string Path { get; set; } = DefaultPath;
}
