using Microsoft.Data.Sqlite;

namespace Mailstrom.Storage.Sqlite.Writing;

/// <summary>A write waiting for the next group commit: its work, its caller's cancellation and its result.</summary>
internal interface IPendingWrite
{
    /// <summary>Gets the caller's cancellation: checked before the work runs and again before the commit.</summary>
    CancellationToken CancellationToken { get; }

    /// <summary>Runs the work inside the open transaction and keeps its result until the commit.</summary>
    /// <param name="connection">The write connection.</param>
    /// <param name="transaction">The group's transaction.</param>
    void Run(SqliteConnection connection, SqliteTransaction transaction);

    /// <summary>Hands the kept result to the caller: the group's commit succeeded.</summary>
    void Complete();

    /// <summary>Tells the caller nothing was written because it cancelled.</summary>
    void Cancel();

    /// <summary>Tells the caller nothing was written because of <paramref name="exception"/>.</summary>
    /// <param name="exception">The failure.</param>
    void Fail(Exception exception);
}

/// <summary>A write whose work returns <typeparamref name="T"/>.</summary>
/// <typeparam name="T">The work's result.</typeparam>
/// <param name="work">The work, run inside a savepoint of the group's transaction.</param>
/// <param name="cancellationToken">The caller's cancellation.</param>
internal sealed class PendingWrite<T>(
    Func<SqliteConnection, SqliteTransaction, CancellationToken, T> work,
    CancellationToken cancellationToken) : IPendingWrite
{
    private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private T _result = default!;

    /// <summary>Gets the task that completes once the write is committed, cancelled or failed.</summary>
    public Task<T> Task => _done.Task;

    /// <inheritdoc />
    public CancellationToken CancellationToken => cancellationToken;

    /// <inheritdoc />
    public void Run(SqliteConnection connection, SqliteTransaction transaction) =>
        _result = work(connection, transaction, cancellationToken);

    /// <inheritdoc />
    public void Complete() => _done.TrySetResult(_result);

    /// <inheritdoc />
    public void Cancel() => _done.TrySetCanceled(cancellationToken);

    /// <inheritdoc />
    public void Fail(Exception exception) => _done.TrySetException(exception);
}
