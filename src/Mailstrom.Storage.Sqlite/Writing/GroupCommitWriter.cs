using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace Mailstrom.Storage.Sqlite.Writing;

/// <summary>
/// Commits writes on one write connection from one dedicated thread, so the statements and the fsync of a commit never
/// block a thread-pool thread (on a small machine those are few, and requests and deliveries queue behind them), and
/// callers only await their write's completion instead of taking turns on the write lock. Writes that queue up while
/// a commit is under way share the next <c>BEGIN IMMEDIATE</c> transaction (group commit), each in its own savepoint
/// (<see cref="WriteSavepoint"/>).
/// </summary>
internal sealed class GroupCommitWriter : IDisposable
{
    /// <summary>The most queued writes committed in one transaction.</summary>
    public const int MaxGroupSize = 64;

    private readonly Func<SqliteConnection> _openConnection;
    private readonly Type _owner;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly ConcurrentQueue<IPendingWrite> _pendingWrites = new();
    private readonly AutoResetEvent _writerWake = new(false);
    private readonly Lock _writerStart = new();
    private Thread? _writerThread;
    private SqliteConnection? _connection;
    private volatile bool _disposed;

    /// <summary>Creates a writer; its thread starts, and its connection opens, with the first write.</summary>
    /// <param name="openConnection">Opens a write connection; called again after a commit failed with a <see cref="SqliteException"/>.</param>
    /// <param name="owner">The type named by <see cref="ObjectDisposedException"/> once the writer is disposed.</param>
    public GroupCommitWriter(Func<SqliteConnection> openConnection, Type owner)
    {
        _openConnection = openConnection;
        _owner = owner;
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a <c>BEGIN IMMEDIATE</c> transaction on the write connection and commits it,
    /// unless <paramref name="cancellationToken"/> is cancelled first (then nothing is written). Writes that queue up
    /// while another commit is under way share the next transaction, each in its own savepoint, so one failing or
    /// cancelled write never takes the others with it, and every caller still returns only after the commit that made
    /// its write durable.
    /// </summary>
    /// <typeparam name="T">The work's result.</typeparam>
    /// <param name="work">The work; runs on the writer thread.</param>
    /// <param name="cancellationToken">Cancels the write until its savepoint is released.</param>
    /// <returns>The work's result, once committed.</returns>
    /// <exception cref="ObjectDisposedException">The writer is disposed before the write is committed.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled before the commit.</exception>
    public async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, CancellationToken, T> work, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(_disposed, _owner);
        cancellationToken.ThrowIfCancellationRequested();
        var write = new PendingWrite<T>(work, cancellationToken);
        _pendingWrites.Enqueue(write);

        // The writer thread commits everything queued so far, in groups; a cancelled write is dropped, unwritten, when
        // its group runs.
        WakeWriter();
        return await write.Task;
    }

    /// <summary>Stops the writer thread after the commit under way, if any, fails queued writes as disposed and closes the connection.</summary>
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
            _connection?.Dispose();
            _connection = null;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Starts the writer thread on first use and wakes it; after disposal, fails whatever is queued.</summary>
    private void WakeWriter()
    {
        if (_writerThread is null)
        {
            lock (_writerStart)
            {
                if (_writerThread is null && !_disposed)
                {
                    var thread = new Thread(RunWriter) { IsBackground = true, Name = "Mailstrom SQLite writer" };
                    thread.Start();
                    _writerThread = thread;
                }
            }
        }

        if (_disposed)
        {
            FailQueuedWrites();
            return;
        }

        _writerWake.Set();
    }

    private void RunWriter()
    {
        while (true)
        {
            _writerWake.WaitOne();
            if (_disposed)
            {
                FailQueuedWrites();
                return;
            }

            _writeLock.Wait();
            try
            {
                while (!_pendingWrites.IsEmpty && !_disposed)
                {
                    CommitQueuedWrites();
                }
            }
            finally
            {
                _writeLock.Release();
            }
        }
    }

    /// <summary>Runs up to <see cref="MaxGroupSize"/> queued writes in one transaction. Called on the writer thread under the write lock.</summary>
    private void CommitQueuedWrites()
    {
        var group = new List<IPendingWrite>(Math.Min(_pendingWrites.Count, MaxGroupSize));
        while (group.Count < MaxGroupSize && _pendingWrites.TryDequeue(out var queued))
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
            ObjectDisposedException.ThrowIf(_disposed, _owner);
            connection = _connection ??= _openConnection();
            using var transaction = connection.BeginTransaction(deferred: false);
            foreach (var write in group)
            {
                if (WriteSavepoint.Run(write, connection, transaction))
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
                _connection = null;
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

    /// <summary>Stops the writer thread after the commit under way, if any; queued writes fail as disposed.</summary>
    private void StopWriter()
    {
        Thread? thread;
        lock (_writerStart)
        {
            thread = _writerThread;
        }

        _writerWake.Set();
        thread?.Join();
        FailQueuedWrites();
    }

    private void FailQueuedWrites()
    {
        while (_pendingWrites.TryDequeue(out var write))
        {
            write.Fail(new ObjectDisposedException(_owner.FullName));
        }
    }
}
