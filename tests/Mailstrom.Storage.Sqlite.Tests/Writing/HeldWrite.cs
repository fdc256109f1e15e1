using Microsoft.Data.Sqlite;

namespace Mailstrom.Storage.Sqlite.Tests.Writing;

/// <summary>A write that holds the writer thread inside its transaction until released, so the next writes queue up.</summary>
internal sealed class HeldWrite : IDisposable
{
    private const int Timeout = 30_000;
    private readonly SemaphoreSlim _held = new(0);
    private readonly ManualResetEventSlim _released = new();

    /// <summary>The work: signals that the writer holds it, waits for <see cref="Release"/>, then inserts <paramref name="value"/>.</summary>
    public int HoldThenInsert(SqliteConnection connection, SqliteTransaction transaction, int value)
    {
        _held.Release();
        Assert.True(_released.Wait(Timeout), "The test never released the writer.");
        return OneTable.Insert(connection, transaction, value);
    }

    public Task WaitUntilHeldAsync() => _held.WaitAsync();

    public void Release() => _released.Set();

    public void Dispose()
    {
        _released.Set();
        _held.Dispose();
        _released.Dispose();
    }
}
