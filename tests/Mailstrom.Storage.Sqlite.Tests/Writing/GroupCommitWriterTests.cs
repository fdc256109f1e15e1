using System.Collections.Concurrent;
using System.Data;
using Mailstrom.Storage.Sqlite.Writing;
using Mailstrom.Testing.Storage;
using Microsoft.Data.Sqlite;

namespace Mailstrom.Storage.Sqlite.Tests.Writing;

/// <summary>
/// Writes that arrive together share one commit, yet each succeeds, fails or is cancelled on its own: first through
/// the store, then on the writer alone over a one-table file.
/// </summary>
public sealed class GroupCommitWriterTests : IDisposable
{
    private const int Timeout = 30_000;
    private static DateTimeOffset T0 => StoreTestData.T0;
    private readonly TempDatabase _database = new();
    private readonly ConcurrentQueue<SqliteConnection> _opened = new();

    public void Dispose() => _database.Delete();

    [Fact(Timeout = Timeout)]
    public async Task Create_ManyConcurrent_EveryOneIsCommittedAndSurvivesReopen()
    {
        const int count = 200;
        using (var store = _database.Open())
        {
            var results = await Task.WhenAll(Enumerable.Range(0, count).Select(i =>
                Task.Run(() => store.CreateAsync(StoreTestData.Email($"email-{i}", T0.AddTicks(i), recipients: 2), default))));

            Assert.All(results, r => Assert.Equal(CreateEmailOutcome.Created, r.Outcome));
        }

        using var reopened = _database.Open();
        for (var i = 0; i < count; i++)
        {
            var status = await reopened.GetStatusAsync($"email-{i}", default);
            Assert.NotNull(status);
            Assert.Equal(2, status.Recipients.Count);
        }
    }

    [Fact(Timeout = Timeout)]
    public async Task Dispose_WhileWritesAreQueued_EachWriteEitherCommitsOrFailsAsDisposed()
    {
        const int count = 200;
        var store = _database.Open();
        await store.CreateAsync(StoreTestData.Email("first", T0), default);
        var writes = Enumerable.Range(0, count)
            .Select(i => Task.Run(() => store.CreateAsync(StoreTestData.Email($"email-{i}", T0.AddTicks(i)), default)))
            .ToList();

        store.Dispose();
        var outcomes = new List<bool>();
        foreach (var write in writes)
        {
            try
            {
                await write;
                outcomes.Add(true);
            }
            catch (ObjectDisposedException)
            {
                outcomes.Add(false);
            }
        }

        using var reopened = _database.Open();
        for (var i = 0; i < count; i++)
        {
            Assert.Equal(outcomes[i], await reopened.GetStatusAsync($"email-{i}", default) is not null);
        }
    }

    [Fact(Timeout = Timeout)]
    public async Task Create_DuplicateAmongConcurrentWrites_FailsAloneAndTheOthersCommit()
    {
        using var store = _database.Open();
        await store.CreateAsync(StoreTestData.Email("taken", T0), default);

        var writes = Enumerable.Range(0, 50)
            .Select(i => i == 25 ? "taken" : $"email-{i}")
            .Select(id => Task.Run(() => store.CreateAsync(StoreTestData.Email(id, T0.AddSeconds(1)), default)))
            .ToList();
        await Task.WhenAll(writes).ContinueWith(_ => { }, TaskScheduler.Default);

        var duplicate = await Assert.ThrowsAsync<SqliteException>(() => writes[25]);
        Assert.Equal(19, duplicate.SqliteErrorCode);
        Assert.All(writes.Where((_, i) => i != 25), w => Assert.Equal(CreateEmailOutcome.Created, w.Result.Outcome));
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(i != 25, await store.GetStatusAsync($"email-{i}", default) is not null);
        }

        var taken = await store.GetStatusAsync("taken", default);
        Assert.Equal(T0, taken!.CreatedTime);
    }

    [Fact(Timeout = Timeout)]
    public async Task Create_CancelledWhileOthersWrite_WritesNothingForTheCancelledOne()
    {
        using var store = _database.Open();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var writes = Enumerable.Range(0, 20)
            .Select(i => Task.Run(() => store.CreateAsync(
                StoreTestData.Email($"email-{i}", T0), i % 2 == 0 ? cancelled.Token : CancellationToken.None)))
            .ToList();
        await Task.WhenAll(writes).ContinueWith(_ => { }, TaskScheduler.Default);

        for (var i = 0; i < 20; i++)
        {
            if (i % 2 == 0)
            {
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => writes[i]);
                Assert.Null(await store.GetStatusAsync($"email-{i}", default));
            }
            else
            {
                Assert.Equal(CreateEmailOutcome.Created, (await writes[i]).Outcome);
                Assert.NotNull(await store.GetStatusAsync($"email-{i}", default));
            }
        }
    }

    [Fact(Timeout = Timeout)]
    public async Task WriteAsync_WritesQueuedDuringACommit_ShareTheNextTransaction()
    {
        using var writer = NewWriter();
        var transactions = new ConcurrentQueue<SqliteTransaction>();
        using var held = new HeldWrite();
        var first = writer.WriteAsync((c, t, _) => held.HoldThenInsert(c, t, 0), default);
        await held.WaitUntilHeldAsync();

        var queued = Enumerable.Range(1, 10)
            .Select(v => writer.WriteAsync((c, t, _) => { transactions.Enqueue(t); return OneTable.Insert(c, t, v); }, default))
            .ToList();
        held.Release();
        await first;
        await Task.WhenAll(queued);

        Assert.Single(transactions.Distinct());
        Assert.Equal(Enumerable.Range(0, 11), Committed());
    }

    [Fact(Timeout = Timeout)]
    public async Task WriteAsync_MoreQueuedThanMaxGroupSize_CommitsThemInGroupsOfAtMostMaxGroupSize()
    {
        const int count = GroupCommitWriter.MaxGroupSize + 36;
        using var writer = NewWriter();
        var transactions = new ConcurrentQueue<SqliteTransaction>();
        using var held = new HeldWrite();
        var first = writer.WriteAsync((c, t, _) => held.HoldThenInsert(c, t, 0), default);
        await held.WaitUntilHeldAsync();

        var queued = Enumerable.Range(1, count)
            .Select(v => writer.WriteAsync((c, t, _) => { transactions.Enqueue(t); return OneTable.Insert(c, t, v); }, default))
            .ToList();
        held.Release();
        await first;
        await Task.WhenAll(queued);

        Assert.Equal([GroupCommitWriter.MaxGroupSize, 36], transactions.GroupBy(t => t).Select(g => g.Count()));
        Assert.Equal(count + 1, Committed().Count);
    }

    [Fact(Timeout = Timeout)]
    public async Task WriteAsync_FromManyThreads_RunsEveryWriteOnOneDedicatedThread()
    {
        using var writer = NewWriter();

        var threads = await Task.WhenAll(Enumerable.Range(0, 20).Select(_ => Task.Run(() => writer.WriteAsync(
            (_, _, _) => (Environment.CurrentManagedThreadId, Thread.CurrentThread.Name, Thread.CurrentThread.IsThreadPoolThread),
            default))));

        var thread = Assert.Single(threads.Distinct());
        Assert.Equal(("Mailstrom SQLite writer", false), (thread.Name, thread.IsThreadPoolThread));
        Assert.Single(_opened);
    }

    [Fact(Timeout = Timeout)]
    public async Task WriteAsync_SqliteErrorThatIsNotAConstraint_FailsTheWholeGroupAndOpensAFreshConnection()
    {
        using var writer = NewWriter();
        using var held = new HeldWrite();
        var first = writer.WriteAsync((c, t, _) => held.HoldThenInsert(c, t, 0), default);
        await held.WaitUntilHeldAsync();

        var group = new[]
        {
            writer.WriteAsync((c, t, _) => OneTable.Insert(c, t, 1), default),
            writer.WriteAsync((c, t, _) => OneTable.Execute(c, t, "INSERT INTO missing (v) VALUES (2);"), default),
            writer.WriteAsync((c, t, _) => OneTable.Insert(c, t, 3), default),
        };
        held.Release();
        await first;
        await Task.WhenAll(group).ContinueWith(_ => { }, TaskScheduler.Default);

        var error = Assert.IsType<SqliteException>(group[0].Exception?.InnerException);
        Assert.Equal(1, error.SqliteErrorCode);
        Assert.All(group, w => Assert.Same(error, w.Exception?.InnerException));
        Assert.Equal([0], Committed());
        Assert.Equal(ConnectionState.Closed, Assert.Single(_opened).State);

        Assert.Equal(1, await writer.WriteAsync((c, t, _) => OneTable.Insert(c, t, 4), default));
        Assert.Equal([0, 4], Committed());
        Assert.Equal(2, _opened.Count);
    }

    [Fact(Timeout = Timeout)]
    public async Task WriteAsync_CancelledWhileQueued_NeverRunsAndTheOthersCommit()
    {
        using var writer = NewWriter();
        using var held = new HeldWrite();
        using var cancellation = new CancellationTokenSource();
        var first = writer.WriteAsync((c, t, _) => held.HoldThenInsert(c, t, 0), default);
        await held.WaitUntilHeldAsync();

        var ran = false;
        var cancelled = writer.WriteAsync((c, t, _) => { ran = true; return OneTable.Insert(c, t, 1); }, cancellation.Token);
        var other = writer.WriteAsync((c, t, _) => OneTable.Insert(c, t, 2), default);
        await cancellation.CancelAsync();
        held.Release();
        await first;

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => cancelled);
        Assert.Equal(1, await other);
        Assert.False(ran);
        Assert.Equal([0, 2], Committed());
    }

    [Fact(Timeout = Timeout)]
    public async Task Dispose_BeforeAnyWrite_OpensNothingAndLaterWritesThrowNamingTheOwner()
    {
        var writer = NewWriter();

        writer.Dispose();

        var ex = await Assert.ThrowsAsync<ObjectDisposedException>(() => writer.WriteAsync((c, t, _) => OneTable.Insert(c, t, 1), default));
        Assert.Equal(typeof(GroupCommitWriterTests).FullName, ex.ObjectName);
        Assert.Empty(_opened);
    }

    [Fact(Timeout = Timeout)]
    public async Task Dispose_AfterWrites_ClosesTheWriteConnection()
    {
        var writer = NewWriter();
        await writer.WriteAsync((c, t, _) => OneTable.Insert(c, t, 1), default);

        writer.Dispose();
        writer.Dispose();

        Assert.Equal(ConnectionState.Closed, Assert.Single(_opened).State);
        Assert.Equal([1], Committed());
    }

    private GroupCommitWriter NewWriter() => new(OpenConnection, typeof(GroupCommitWriterTests));

    private SqliteConnection OpenConnection()
    {
        Directory.CreateDirectory(_database.Directory);
        var connection = new SqliteConnection(ConnectionString());
        connection.Open();
        OneTable.Execute(connection, null, "PRAGMA journal_mode = WAL; " + OneTable.CreateSql);
        _opened.Enqueue(connection);
        return connection;
    }

    private List<int> Committed()
    {
        using var connection = new SqliteConnection(ConnectionString());
        connection.Open();
        return OneTable.Rows(connection, null);
    }

    private string ConnectionString() => new SqliteConnectionStringBuilder { DataSource = _database.Path, Pooling = false }.ToString();
}
