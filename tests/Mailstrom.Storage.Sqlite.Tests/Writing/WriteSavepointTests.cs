using Mailstrom.Storage.Sqlite.Writing;
using Microsoft.Data.Sqlite;

namespace Mailstrom.Storage.Sqlite.Tests.Writing;

/// <summary>One write of a group runs in its own savepoint of the group's transaction (an in-memory table here).</summary>
public sealed class WriteSavepointTests : IDisposable
{
    private readonly SqliteConnection _connection = new("Data Source=:memory:");
    private readonly SqliteTransaction _transaction;

    public WriteSavepointTests()
    {
        _connection.Open();
        OneTable.Execute(_connection, null, OneTable.CreateSql);
        _transaction = _connection.BeginTransaction(deferred: false);
        OneTable.Insert(_connection, _transaction, 1);   // an earlier write of the same group
    }

    public void Dispose()
    {
        _transaction.Dispose();
        _connection.Dispose();
    }

    [Fact]
    public async Task Run_WorkSucceeds_KeepsItsChangesAndLeavesCompletionToTheCommit()
    {
        var write = new PendingWrite<int>((c, t, _) => OneTable.Insert(c, t, 2), default);

        Assert.True(WriteSavepoint.Run(write, _connection, _transaction));

        Assert.Equal([1, 2], Rows());
        Assert.False(write.Task.IsCompleted);
        write.Complete();
        Assert.Equal(1, await write.Task);
    }

    [Fact]
    public void Run_WorkThrows_UndoesOnlyThatWriteAndFailsIt()
    {
        var bug = new InvalidOperationException("bug");
        var write = new PendingWrite<int>((c, t, _) => { OneTable.Insert(c, t, 2); throw bug; }, default);

        Assert.False(WriteSavepoint.Run(write, _connection, _transaction));

        Assert.Equal([1], Rows());
        Assert.Same(bug, write.Task.Exception?.InnerException);
    }

    [Fact]
    public void Run_ConstraintError_UndoesOnlyThatWriteAndFailsItWithTheError()
    {
        var write = new PendingWrite<int>((c, t, _) => OneTable.Insert(c, t, 3) + OneTable.Insert(c, t, 1), default);

        Assert.False(WriteSavepoint.Run(write, _connection, _transaction));

        Assert.Equal([1], Rows());
        Assert.Equal(19, Assert.IsType<SqliteException>(write.Task.Exception?.InnerException).SqliteErrorCode);
    }

    [Fact]
    public void Run_SqliteErrorThatIsNotAConstraint_EscapesForTheWholeGroupToFail()
    {
        var write = new PendingWrite<int>((c, t, _) => OneTable.Execute(c, t, "INSERT INTO missing (v) VALUES (2);"), default);

        var ex = Assert.Throws<SqliteException>(() => WriteSavepoint.Run(write, _connection, _transaction));

        Assert.Equal(1, ex.SqliteErrorCode);
        Assert.False(write.Task.IsCompleted);
    }

    [Fact]
    public void Run_CancelledWhileItRuns_UndoesItAndCancelsIt()
    {
        using var cancellation = new CancellationTokenSource();
        var write = new PendingWrite<int>((c, t, _) => { cancellation.Cancel(); return OneTable.Insert(c, t, 2); }, cancellation.Token);

        Assert.False(WriteSavepoint.Run(write, _connection, _transaction));

        Assert.Equal([1], Rows());
        Assert.True(write.Task.IsCanceled);
    }

    [Fact]
    public void Run_WorkThrowsOperationCanceledForAnotherToken_FailsIt()
    {
        var write = new PendingWrite<int>((c, t, _) => { OneTable.Insert(c, t, 2); throw new OperationCanceledException(); }, default);

        Assert.False(WriteSavepoint.Run(write, _connection, _transaction));

        Assert.Equal([1], Rows());
        Assert.True(write.Task.IsFaulted);
    }

    [Fact]
    public void Run_ManyWritesInOneTransaction_EachKeepsOrLosesOnlyItsOwnChanges()
    {
        var writes = Enumerable.Range(2, 6)
            .Select(v => new PendingWrite<int>((c, t, _) => v % 2 == 0 ? OneTable.Insert(c, t, v) : throw new InvalidOperationException(), default))
            .ToList();

        var kept = writes.Select(w => WriteSavepoint.Run(w, _connection, _transaction)).ToList();
        _transaction.Commit();

        Assert.Equal([true, false, true, false, true, false], kept);
        Assert.Equal([1, 2, 4, 6], Rows());
    }

    private List<int> Rows() => OneTable.Rows(_connection, _transaction.Connection is null ? null : _transaction);   // null once committed
}
