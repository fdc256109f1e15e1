using Mailstrom.Storage.Sqlite.Connections;
using Mailstrom.Storage.Sqlite.Writing;
using Microsoft.Data.Sqlite;

namespace Mailstrom.Storage.Sqlite.Internal;

/// <summary>
/// How the store touches its file: reads in one snapshot on a pooled connection, writes in the writer's next group
/// commit, and every fault that means "the file cannot serve now" as a <see cref="StoreUnavailableException"/>.
/// </summary>
internal sealed class StoreTransactions(SqliteConnectionFactory connections, GroupCommitWriter writer) : IDisposable
{
    private volatile bool _disposed;

    /// <summary>
    /// Runs <paramref name="work"/> in a read transaction (one consistent snapshot) on a pooled connection; the first
    /// read waits for the writer to open the file and create its schema.
    /// </summary>
    public async Task<T> ReadAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        cancellationToken.ThrowIfCancellationRequested();
        if (!connections.IsReady)
        {
            await WriteAsync(static (_, _, _) => true, cancellationToken);
        }

        try
        {
            using var connection = connections.OpenReader();
            using var transaction = connection.BeginTransaction(deferred: true);
            return work(connection, transaction);
        }
        catch (SqliteException ex) when (SqliteFaults.IsUnavailable(ex))
        {
            throw SqliteFaults.ToUnavailable(ex);
        }
    }

    /// <summary>Runs <paramref name="work"/> in the writer's next group commit.</summary>
    public async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, CancellationToken, T> work, CancellationToken cancellationToken)
    {
        try
        {
            return await writer.WriteAsync(work, cancellationToken);
        }
        catch (SqliteException ex) when (SqliteFaults.IsUnavailable(ex))
        {
            throw SqliteFaults.ToUnavailable(ex);
        }
    }

    /// <summary>Closes the write connection and the pooled read connections of the file.</summary>
    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        writer.Dispose();
        connections.ClearReadPool();
    }
}
