namespace Mailstrom.Storage.Sqlite;

/// <summary>Settings of the embedded SQLite store.</summary>
public sealed class SqliteStorageOptions
{
    /// <summary>
    /// The database file. Relative paths are resolved against the current directory; the directory is created if it
    /// is missing. Use a local disk: SQLite's WAL mode does not work over network file systems.
    /// </summary>
    /// <value>Required; no default.</value>
    public string Path { get; set; } = string.Empty;

    /// <summary>How long a write waits for another process holding the database's write lock before it fails.</summary>
    /// <value>Defaults to 5 seconds; at least 1 millisecond.</value>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(5);
}
