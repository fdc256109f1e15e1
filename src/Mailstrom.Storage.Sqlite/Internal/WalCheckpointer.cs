using Microsoft.Data.Sqlite;

namespace Mailstrom.Storage.Sqlite.Internal;

/// <summary>
/// Copies the write-ahead log back into the database file on its own thread and connection, so a commit never waits
/// for a checkpoint's writes and fsync. SQLite's automatic checkpoint runs inside the commit that crosses its threshold,
/// and every caller of that group commit waits for it (hundreds of milliseconds when the disk is slow).
/// </summary>
/// <remarks>
/// The writer turns the automatic checkpoint off and calls <see cref="NoteCommit"/> after each commit; a
/// <c>PASSIVE</c> checkpoint then runs at most once per interval while writes go on. A passive checkpoint never blocks
/// the writer or readers, but under steady writes it ends a little behind the log, and SQLite only starts the log
/// over once a checkpoint has caught up with it. So when the log has grown past <see cref="CatchUpFrames"/> and the
/// last checkpoint did not catch up, <see cref="CatchUpNeeded"/> asks the writer to run one small checkpoint itself,
/// between two commits, which lets the next commit start the log over. Not thread-safe beyond that split:
/// <see cref="NoteCommit"/> and <see cref="CatchUp"/> belong to the writer thread.
/// </remarks>
internal sealed class WalCheckpointer : IDisposable
{
    /// <summary>The log size, in 4 KiB frames (16 MiB), past which the writer is asked to catch up.</summary>
    public const int CatchUpFrames = 4096;

    private const string CheckpointSql = "PRAGMA wal_checkpoint(PASSIVE);";

    private readonly string _connectionString;
    private readonly long _intervalMilliseconds;
    private readonly int _catchUpFrames;
    private readonly AutoResetEvent _wake = new(false);
    private readonly Thread _thread;
    private readonly Lock _resultLock = new();
    private TaskCompletionSource<WalCheckpoint> _nextResult = NewResult();
    private SqliteConnection? _connection;
    private long _lastRequest = long.MinValue;
    private volatile bool _catchUpNeeded;
    private volatile bool _stopping;

    /// <summary>Starts the checkpoint thread for the database that <paramref name="connectionString"/> opens.</summary>
    /// <param name="connectionString">A connection string for the database; the checkpointer keeps its own connection.</param>
    /// <param name="interval">The least time between two checkpoints while writes go on.</param>
    /// <param name="catchUpFrames">The log size past which the writer is asked to catch up; <see cref="CatchUpFrames"/> by default.</param>
    public WalCheckpointer(string connectionString, TimeSpan interval, int catchUpFrames = CatchUpFrames)
    {
        _connectionString = connectionString;
        _intervalMilliseconds = (long)interval.TotalMilliseconds;
        _catchUpFrames = catchUpFrames;
        _thread = new Thread(Run) { IsBackground = true, Name = "Mailstrom SQLite checkpointer" };
        _thread.Start();
    }

    /// <summary>Whether the log has outgrown the background checkpoints, so the writer should call <see cref="CatchUp"/>.</summary>
    public bool CatchUpNeeded => _catchUpNeeded;

    /// <summary>
    /// Called by the writer after each commit: wakes the checkpoint thread unless it was woken less than an interval
    /// ago. Cheap enough for every commit (a clock read, and at most one signal per interval).
    /// </summary>
    public void NoteCommit()
    {
        var now = Environment.TickCount64;
        if (IsDue(_lastRequest, now, _intervalMilliseconds))
        {
            _lastRequest = now;
            _wake.Set();
        }
    }

    /// <summary>Whether a checkpoint is due at <paramref name="now"/>: none was requested yet, or the last was an interval ago or more.</summary>
    /// <param name="lastRequest">When the last checkpoint was requested (<see cref="Environment.TickCount64"/>), or <see cref="long.MinValue"/> for never.</param>
    /// <param name="now">The time now, on the same clock.</param>
    /// <param name="intervalMilliseconds">The least time between two requests.</param>
    internal static bool IsDue(long lastRequest, long now, long intervalMilliseconds) =>
        lastRequest == long.MinValue || now - lastRequest >= intervalMilliseconds;

    /// <summary>
    /// Runs a passive checkpoint on the writer's own connection, between two commits, so the next commit can start the
    /// log over. What is left to copy is only what was committed during the last background checkpoint.
    /// </summary>
    /// <param name="writer">The write connection, outside any transaction.</param>
    /// <returns>What the checkpoint did.</returns>
    public WalCheckpoint CatchUp(SqliteConnection writer)
    {
        var result = Checkpoint(writer);
        _catchUpNeeded = false;
        Publish(result);
        return result;
    }

    /// <summary>A task for the result of the next checkpoint to finish, from either thread (for tests and diagnostics).</summary>
    public Task<WalCheckpoint> NextCheckpointAsync()
    {
        lock (_resultLock)
        {
            return _nextResult.Task;
        }
    }

    /// <summary>Stops the thread after the checkpoint under way, if any, and closes its connection.</summary>
    public void Dispose()
    {
        if (_stopping)
        {
            return;
        }

        _stopping = true;
        _wake.Set();
        _thread.Join();
        _wake.Dispose();
        lock (_resultLock)
        {
            _nextResult.TrySetCanceled();
        }
    }

    private void Run()
    {
        try
        {
            while (true)
            {
                _wake.WaitOne();
                if (_stopping)
                {
                    return;
                }

                try
                {
                    var result = Checkpoint(Open());
                    _catchUpNeeded = !result.Busy && result.LogFrames >= _catchUpFrames && result.CheckpointedFrames < result.LogFrames;
                    Publish(result);
                }
                catch (SqliteException ex)
                {
                    // Nothing is lost: the log keeps every commit until a later checkpoint copies it. Start over on a
                    // fresh connection at the next request.
                    _connection?.Dispose();
                    _connection = null;
                    lock (_resultLock)
                    {
                        var failed = _nextResult;
                        _nextResult = NewResult();
                        failed.TrySetException(ex);
                    }
                }
            }
        }
        finally
        {
            _connection?.Dispose();
            _connection = null;
        }
    }

    private SqliteConnection Open()
    {
        if (_connection is null)
        {
            var connection = new SqliteConnection(_connectionString);
            connection.Open();
            _connection = connection;
        }

        return _connection;
    }

    private static WalCheckpoint Checkpoint(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = CheckpointSql;
        using var reader = command.ExecuteReader();
        reader.Read();
        return new WalCheckpoint(reader.GetInt32(0) != 0, reader.GetInt32(1), reader.GetInt32(2));
    }

    private void Publish(WalCheckpoint result)
    {
        TaskCompletionSource<WalCheckpoint> done;
        lock (_resultLock)
        {
            done = _nextResult;
            _nextResult = NewResult();
        }

        done.TrySetResult(result);
    }

    private static TaskCompletionSource<WalCheckpoint> NewResult() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}

/// <summary>What one <c>PRAGMA wal_checkpoint</c> reported.</summary>
/// <param name="Busy">Another connection held the checkpoint lock, so nothing was copied.</param>
/// <param name="LogFrames">The frames in the write-ahead log.</param>
/// <param name="CheckpointedFrames">The frames of the log now copied into the database file.</param>
internal readonly record struct WalCheckpoint(bool Busy, int LogFrames, int CheckpointedFrames);
