using Mailstrom.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace Mailstrom.Storage.Sqlite.Queue;

/// <summary>
/// The earliest time any recipient becomes claimable. Walks the due-time index from the earliest and stops at the
/// first recipient due at or after the best time found: every later one becomes claimable no earlier than its due
/// time. Only leased recipients (those in flight) are read before it stops, so the cost does not grow with the backlog.
/// </summary>
internal static class NextDueTimeQuery
{
    /// <summary>Reads the next due time in the read transaction.</summary>
    /// <param name="connection">A read connection.</param>
    /// <param name="transaction">The read transaction.</param>
    /// <returns>The due time or lease expiry, whichever is later, of the first claimable recipient; <see langword="null"/> when nothing is pending.</returns>
    public static DateTimeOffset? Read(SqliteConnection connection, SqliteTransaction transaction)
    {
        using var select = SqliteCommands.Command(connection, transaction, $"""
            SELECT r.next_attempt_time, r.lease_expires_at
            FROM recipients r JOIN emails e ON e.id = r.email_id
            WHERE r.next_attempt_time IS NOT NULL AND r.status IN ({SqliteValues.PendingStatuses}) AND e.terminated = 0
            ORDER BY r.next_attempt_time;
            """);
        using var reader = select.ExecuteReader();
        long? best = null;
        while (reader.Read())
        {
            var due = reader.GetInt64(0);
            if (best <= due)
            {
                break;
            }

            var claimable = reader.IsDBNull(1) ? due : Math.Max(due, reader.GetInt64(1));
            best = best is { } b ? Math.Min(b, claimable) : claimable;
        }

        return best is { } ticks ? SqliteValues.FromTicks(ticks) : null;
    }
}
