using Mailstrom.Storage.Sqlite.Internal;
using Mailstrom.Testing.Storage;
using Microsoft.Data.Sqlite;

namespace Mailstrom.Storage.Sqlite.Tests.Internal;

public sealed class WalCheckpointerTests : IDisposable
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Delete();

    [Theory]
    [InlineData(long.MinValue, 5, 250, true)]     // never requested
    [InlineData(1_000, 1_249, 250, false)]        // within the interval
    [InlineData(1_000, 1_250, 250, true)]         // an interval later
    [InlineData(1_000, 1_000, 0, true)]           // no interval: every commit
    public void IsDue_FollowsTheInterval(long lastRequest, long now, long interval, bool due) =>
        Assert.Equal(due, WalCheckpointer.IsDue(lastRequest, now, interval));

    [Fact]
    public async Task NoteCommit_WakesACheckpointThatCopiesTheWholeLog()
    {
        using var writer = OpenWriter();
        Insert(writer, 50);
        using var checkpointer = new WalCheckpointer(ConnectionString(), TimeSpan.Zero);
        var next = checkpointer.NextCheckpointAsync();

        checkpointer.NoteCommit();
        var result = await next.WaitAsync(Wait);

        Assert.False(result.Busy);
        Assert.True(result.LogFrames > 0);
        Assert.Equal(result.LogFrames, result.CheckpointedFrames);
        Assert.False(checkpointer.CatchUpNeeded);
    }

    [Fact]
    public async Task CheckpointLeftBehindTheLog_AsksTheWriterToCatchUp_ThenTheLogStartsOver()
    {
        using var writer = OpenWriter();
        Insert(writer, 50);
        using var checkpointer = new WalCheckpointer(ConnectionString(), TimeSpan.Zero, catchUpFrames: 1);

        // A reader's snapshot holds the checkpoint back, as commits arriving during a checkpoint do under steady load.
        WalCheckpoint behind;
        using (var reader = new SqliteConnection(ConnectionString()))
        {
            reader.Open();
            using var snapshot = reader.BeginTransaction(deferred: true);
            Count(reader, snapshot);
            Insert(writer, 50);
            var next = checkpointer.NextCheckpointAsync();
            checkpointer.NoteCommit();
            behind = await next.WaitAsync(Wait);
        }

        Assert.True(behind.CheckpointedFrames < behind.LogFrames);
        Assert.True(checkpointer.CatchUpNeeded);

        var caughtUp = checkpointer.CatchUp(writer);

        Assert.Equal(caughtUp.LogFrames, caughtUp.CheckpointedFrames);
        Assert.False(checkpointer.CatchUpNeeded);

        // The next commit starts the log over: a small commit leaves a log far shorter than before.
        Insert(writer, 1);
        var after = checkpointer.CatchUp(writer);
        Assert.True(after.LogFrames < behind.LogFrames, $"log of {after.LogFrames} frames after starting over, {behind.LogFrames} before");
        Assert.Equal(100 + 1, Count(writer, null));
    }

    [Fact]
    public async Task FailedCheckpoint_FaultsItsResult_AndTheNextRequestStillRuns()
    {
        using var checkpointer = new WalCheckpointer(ConnectionString(), TimeSpan.Zero);
        var failed = checkpointer.NextCheckpointAsync();

        checkpointer.NoteCommit();   // the file does not exist yet, and this connection may not create it
        await Assert.ThrowsAsync<SqliteException>(() => failed.WaitAsync(Wait));

        using var writer = OpenWriter();
        Insert(writer, 5);
        var next = checkpointer.NextCheckpointAsync();
        checkpointer.NoteCommit();
        var result = await next.WaitAsync(Wait);

        Assert.Equal(result.LogFrames, result.CheckpointedFrames);
    }

    [Fact]
    public async Task Dispose_StopsTheThread_AndCancelsWhatWasAwaited()
    {
        var checkpointer = new WalCheckpointer(ConnectionString(), TimeSpan.Zero);
        var next = checkpointer.NextCheckpointAsync();

        checkpointer.Dispose();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => next.WaitAsync(Wait));
        checkpointer.Dispose();   // idempotent
    }

    [Fact]
    public async Task Store_CommitsWakeTheBackgroundCheckpoint_AndTheFileStaysInWalMode()
    {
        using var store = new SqliteMailstromStore(new SqliteStorageOptions { Path = _database.Path, CheckpointInterval = TimeSpan.Zero });
        await store.GetStatusAsync("none", CancellationToken.None);   // opens the file
        var checkpointer = Assert.IsType<WalCheckpointer>(store.Checkpointer);
        var next = checkpointer.NextCheckpointAsync();

        await store.CreateAsync(StoreTestData.Email("email-1", StoreTestData.T0), CancellationToken.None);
        var result = await next.WaitAsync(Wait);

        Assert.False(result.Busy);
        Assert.True(result.LogFrames > 0);
        Assert.Equal(result.LogFrames, result.CheckpointedFrames);
        using var connection = new SqliteConnection(ConnectionString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode;";
        Assert.Equal("wal", (string?)command.ExecuteScalar());
    }

    private string ConnectionString() =>
        new SqliteConnectionStringBuilder { DataSource = _database.Path, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ToString();

    private SqliteConnection OpenWriter()
    {
        Directory.CreateDirectory(_database.Directory);
        var connection = new SqliteConnection(
            new SqliteConnectionStringBuilder { DataSource = _database.Path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText =
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL; PRAGMA wal_autocheckpoint = 0; CREATE TABLE IF NOT EXISTS t (v BLOB);";
        command.ExecuteNonQuery();
        return connection;
    }

    /// <summary>Commits <paramref name="rows"/> rows of 2 KiB, each in its own transaction, so each adds frames to the log.</summary>
    private static void Insert(SqliteConnection connection, int rows)
    {
        for (var i = 0; i < rows; i++)
        {
            using var command = connection.CreateCommand();
            command.CommandText = "INSERT INTO t (v) VALUES (zeroblob(2048));";
            command.ExecuteNonQuery();
        }
    }

    private static long Count(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT count(*) FROM t;";
        return (long)command.ExecuteScalar()!;
    }
}
