using System.Globalization;
using Mailstrom.Storage.Sqlite.Schema;
using Microsoft.Data.Sqlite;

namespace Mailstrom.Storage.Sqlite.Connections;

/// <summary>
/// Opens the connections of one database file: the one write connection (WAL, <c>synchronous=FULL</c>, the busy
/// timeout, the schema created or migrated) and pooled read connections.
/// </summary>
internal sealed class SqliteConnectionFactory
{
    private readonly string _readConnectionString;
    private readonly string _writeConnectionString;
    private readonly int _busyTimeoutMilliseconds;
    private volatile bool _ready;

    /// <summary>Resolves the file's full path and creates its directory; the file itself is opened on first use.</summary>
    /// <param name="options">Validated options.</param>
    /// <exception cref="IOException">The file's directory cannot be created.</exception>
    public SqliteConnectionFactory(SqliteStorageOptions options)
    {
        FilePath = Path.GetFullPath(options.Path);
        var directory = Path.GetDirectoryName(FilePath);
        if (!string.IsNullOrEmpty(directory))
        {
            Directory.CreateDirectory(directory);
        }

        _busyTimeoutMilliseconds = (int)Math.Ceiling(options.BusyTimeout.TotalMilliseconds);
        var timeoutSeconds = (int)Math.Max(1, Math.Ceiling(options.BusyTimeout.TotalSeconds));
        _writeConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
            ForeignKeys = true,
            DefaultTimeout = timeoutSeconds,
        }.ToString();
        _readConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = true,
            DefaultTimeout = timeoutSeconds,
        }.ToString();
    }

    /// <summary>Gets the full path of the database file.</summary>
    public string FilePath { get; }

    /// <summary>Gets a value indicating whether a write connection has been opened, so the file and its schema exist.</summary>
    public bool IsReady => _ready;

    /// <summary>Opens a write connection: WAL journal, <c>synchronous=FULL</c>, foreign keys, the busy timeout, the current schema.</summary>
    /// <returns>The open connection; the caller owns it.</returns>
    /// <exception cref="InvalidOperationException">The file cannot use WAL, or has a newer schema version.</exception>
    /// <exception cref="SqliteException">The file cannot be opened or written.</exception>
    public SqliteConnection OpenWriter()
    {
        var connection = new SqliteConnection(_writeConnectionString);
        try
        {
            connection.Open();
            using (var command = connection.CreateCommand())
            {
                command.CommandText = "PRAGMA journal_mode = WAL;";
                var mode = Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture);
                if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
                {
                    throw new InvalidOperationException(
                        $"The SQLite file '{FilePath}' cannot use WAL journal mode (it reports '{mode}'); put it on a local file system.");
                }

                command.CommandText = string.Create(
                    CultureInfo.InvariantCulture,
                    $"PRAGMA synchronous = FULL; PRAGMA foreign_keys = ON; PRAGMA busy_timeout = {_busyTimeoutMilliseconds};");
                command.ExecuteNonQuery();
            }

            SqliteSchema.EnsureCreated(connection);
        }
        catch
        {
            connection.Dispose();
            throw;
        }

        _ready = true;
        return connection;
    }

    /// <summary>Opens a pooled read connection on the existing file.</summary>
    /// <returns>The open connection; the caller disposes it (back to the pool).</returns>
    /// <exception cref="SqliteException">The file cannot be opened.</exception>
    public SqliteConnection OpenReader()
    {
        var connection = new SqliteConnection(_readConnectionString);
        try
        {
            connection.Open();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>Closes the pooled read connections of this file.</summary>
    public void ClearReadPool()
    {
        using var pooled = new SqliteConnection(_readConnectionString);
        SqliteConnection.ClearPool(pooled);
    }
}
