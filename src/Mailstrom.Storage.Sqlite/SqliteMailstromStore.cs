using System.Collections.Concurrent;
using System.Globalization;
using Mailstrom.Storage.Sqlite.Internal;
using Mailstrom.Storage.Sqlite.Schema;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Mailstrom.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode with <c>synchronous=FULL</c>, so a commit is durable when a call
/// returns. Writes go through one dedicated connection, committed by one writer thread and taken with <c>BEGIN IMMEDIATE</c>
/// so other processes on the same file wait their turn; writes that arrive together share one commit (group commit); reads use pooled connections and run in parallel with writes.
/// The schema is created or migrated when the file is first opened.
/// </summary>
public sealed partial class SqliteMailstromStore : IEmailStore, IDeliveryQueue, IDisposable, IAsyncDisposable
{
    private const int SqliteConstraintError = 19;

    /// <summary>The most queued writes committed in one transaction.</summary>
    private const int MaxGroupCommit = 64;

    private readonly string _readConnectionString;
    private readonly string _writeConnectionString;
    private readonly int _busyTimeoutMilliseconds;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentQueue<IPendingWrite> _pendingWrites = new();
    private SqliteConnection? _writer;
    private volatile bool _ready;
    private volatile bool _disposed;

    /// <summary>Creates a store on the file named by <paramref name="options"/>; the file is opened on first use.</summary>
    /// <param name="options">The file and timeouts.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="OptionsValidationException">The options are invalid (for example, the path is empty).</exception>
    /// <exception cref="IOException">The file's directory cannot be created.</exception>
    public SqliteMailstromStore(SqliteStorageOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var validation = new SqliteStorageOptionsValidator().Validate(Options.DefaultName, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(SqliteStorageOptions), validation.Failures);
        }

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

    /// <summary>The full path of the database file.</summary>
    public string FilePath { get; }

    /// <summary>Closes the write connection and the pooled read connections of this file.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        StopWriter();
        _writerWake.Dispose();
        _writeLock.Wait();
        try
        {
            _writer?.Dispose();
            _writer = null;
        }
        finally
        {
            _writeLock.Release();
        }

        using var pooled = new SqliteConnection(_readConnectionString);
        SqliteConnection.ClearPool(pooled);
    }

    /// <summary>Closes the write connection and the pooled read connections of this file.</summary>
    /// <returns>A task that completes when the connections are closed.</returns>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a <c>BEGIN IMMEDIATE</c> transaction on the write connection and commits it,
    /// unless <paramref name="cancellationToken"/> is cancelled first (then nothing is written). Writes that queue up
    /// while another commit is under way share the next transaction (group commit), each in its own savepoint, so one
    /// failing or cancelled write never takes the others with it, and every caller still returns only after the commit
    /// that made its write durable.
    /// </summary>
    private async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, CancellationToken, T> work, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        var write = new PendingWrite<T>(work, cancellationToken);
        _pendingWrites.Enqueue(write);

        // The writer thread commits everything queued so far, in groups; a cancelled write is dropped, unwritten, when
        // its group runs.
        WakeWriter();
        return await write.Task;
    }

    /// <summary>Runs up to <see cref="MaxGroupCommit"/> queued writes in one transaction. Called on the writer thread under the write lock.</summary>
    private void CommitQueuedWrites()
    {
        var group = new List<IPendingWrite>(Math.Min(_pendingWrites.Count, MaxGroupCommit));
        while (group.Count < MaxGroupCommit && _pendingWrites.TryDequeue(out var queued))
        {
            if (queued.CancellationToken.IsCancellationRequested)
            {
                queued.Cancel();
            }
            else
            {
                group.Add(queued);
            }
        }

        if (group.Count == 0)
        {
            return;
        }

        var done = new List<IPendingWrite>(group.Count);
        SqliteConnection? connection = null;
        try
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            connection = OpenWriter();
            using var transaction = connection.BeginTransaction(deferred: false);
            foreach (var write in group)
            {
                if (RunInSavepoint(write, transaction, connection))
                {
                    done.Add(write);
                }
            }

            transaction.Commit();
        }
        catch (Exception ex)
        {
            if (ex is SqliteException && connection is not null)
            {
                // The connection may be unusable (I/O error, corruption): open a fresh one next time.
                _writer = null;
                connection.Dispose();
            }

            foreach (var write in group)
            {
                write.Fail(ex);
            }

            return;
        }

        foreach (var write in done)
        {
            write.Complete();
        }
    }

    private const string SavepointSql = "SAVEPOINT mailstrom_write;";
    private const string RollbackToSavepointSql = "ROLLBACK TO mailstrom_write;";
    private const string ReleaseSavepointSql = "RELEASE mailstrom_write;";

    /// <summary>Runs one write in its own savepoint; returns whether it is to be committed.</summary>
    private static bool RunInSavepoint(IPendingWrite write, SqliteTransaction transaction, SqliteConnection connection)
    {
        PreparedStatements.Execute(connection, transaction, SavepointSql);
        try
        {
            write.Run(connection, transaction);
            if (write.CancellationToken.IsCancellationRequested)
            {
                UndoSavepoint(connection, transaction);
                write.Cancel();
                return false;
            }

            PreparedStatements.Execute(connection, transaction, ReleaseSavepointSql);
            return true;
        }
        catch (Exception ex) when (ex is not SqliteException { SqliteErrorCode: not SqliteConstraintError })
        {
            // A constraint error or a bug in one write: undo just that write; the rest of the group goes on.
            UndoSavepoint(connection, transaction);
            if (ex is OperationCanceledException && write.CancellationToken.IsCancellationRequested)
            {
                write.Cancel();
            }
            else
            {
                write.Fail(ex);
            }

            return false;
        }
    }

    private static void UndoSavepoint(SqliteConnection connection, SqliteTransaction transaction)
    {
        PreparedStatements.Execute(connection, transaction, RollbackToSavepointSql);
        PreparedStatements.Execute(connection, transaction, ReleaseSavepointSql);
    }

    /// <summary>Runs <paramref name="work"/> in a read transaction (one consistent snapshot) on a pooled connection.</summary>
    private async Task<T> ReadAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        if (!_ready)
        {
            await WriteAsync(static (_, _, _) => true, cancellationToken);
        }

        using var connection = new SqliteConnection(_readConnectionString);
        connection.Open();
        using var transaction = connection.BeginTransaction(deferred: true);
        return work(connection, transaction);
    }

    private SqliteConnection OpenWriter()
    {
        if (_writer is not null)
        {
            return _writer;
        }

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

        _writer = connection;
        _ready = true;
        return connection;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    /// <summary>A prepared command kept for the connection (<see cref="PreparedStatements"/>): constant SQL only; never dispose it.</summary>
    private static SqliteCommand Prepared(SqliteConnection connection, SqliteTransaction transaction, string sql) =>
        PreparedStatements.Get(connection, transaction, sql);

    private static SqliteParameter Parameter(SqliteCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
