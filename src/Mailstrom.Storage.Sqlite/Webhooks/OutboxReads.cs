using System.Globalization;
using Mailstrom.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace Mailstrom.Storage.Sqlite.Webhooks;

/// <summary>The dispatcher's reads of the outbox: when the next row is due, and how many are dead.</summary>
internal static class OutboxReads
{
    /// <summary>The earliest due time of any waiting or claimed row (one step down the due-time index).</summary>
    /// <param name="connection">A read connection.</param>
    /// <param name="transaction">The read transaction.</param>
    /// <returns>The time, or <see langword="null"/> when nothing waits.</returns>
    public static DateTimeOffset? NextDueTime(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var select = SqliteCommands.Command(connection, transaction,
            "SELECT MIN(next_attempt_time) FROM webhook_outbox WHERE next_attempt_time IS NOT NULL;");
        return select.ExecuteScalar() is long ticks ? SqliteValues.FromTicks(ticks) : null;
    }

    /// <summary>Counts the dead rows.</summary>
    /// <param name="connection">A read connection.</param>
    /// <param name="transaction">The read transaction.</param>
    /// <returns>The count.</returns>
    public static long DeadCount(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var select = SqliteCommands.Command(connection, transaction, "SELECT COUNT(*) FROM webhook_outbox WHERE next_attempt_time IS NULL;");
        return Convert.ToInt64(select.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
