using Mailstrom.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace Mailstrom.Storage.Sqlite.Writing;

/// <summary>
/// Runs one write of a group commit in its own savepoint, so a write that fails (a constraint error, a bug) or is
/// cancelled is undone alone and the rest of the group goes on. Any other <see cref="SqliteException"/> (I/O, a busy
/// file, corruption) is not one write's fault: it escapes and fails the whole group.
/// </summary>
internal static class WriteSavepoint
{
    private const int SqliteConstraintError = 19;
    private const string SavepointSql = "SAVEPOINT mailstrom_write;";
    private const string RollbackToSavepointSql = "ROLLBACK TO mailstrom_write;";
    private const string ReleaseSavepointSql = "RELEASE mailstrom_write;";

    /// <summary>Runs <paramref name="write"/> in a savepoint; returns whether it is to be committed.</summary>
    /// <param name="write">The write; told of its cancellation or failure here, of its commit by the caller.</param>
    /// <param name="connection">The write connection.</param>
    /// <param name="transaction">The group's open transaction.</param>
    /// <returns><see langword="true"/> when the write's changes stay in the transaction.</returns>
    /// <exception cref="SqliteException">A failure that is not a constraint error: the transaction is to be abandoned.</exception>
    public static bool Run(IPendingWrite write, SqliteConnection connection, SqliteTransaction transaction)
    {
        PreparedStatements.Execute(connection, transaction, SavepointSql);
        try
        {
            write.Run(connection, transaction);
            if (write.CancellationToken.IsCancellationRequested)
            {
                Undo(connection, transaction);
                write.Cancel();
                return false;
            }

            PreparedStatements.Execute(connection, transaction, ReleaseSavepointSql);
            return true;
        }
        catch (Exception ex) when (ex is not SqliteException { SqliteErrorCode: not SqliteConstraintError })
        {
            // A constraint error or a bug in one write: undo just that write; the rest of the group goes on.
            Undo(connection, transaction);
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

    private static void Undo(SqliteConnection connection, SqliteTransaction transaction)
    {
        PreparedStatements.Execute(connection, transaction, RollbackToSavepointSql);
        PreparedStatements.Execute(connection, transaction, ReleaseSavepointSql);
    }
}
