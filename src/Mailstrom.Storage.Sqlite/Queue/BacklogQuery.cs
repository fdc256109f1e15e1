using Mailstrom.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace Mailstrom.Storage.Sqlite.Queue;

/// <summary>
/// How much work is waiting, for the backlog gauges: one pass over the pending recipients of live emails through the
/// due-time index. Its cost grows with the backlog; a collector reads it at most once a second.
/// </summary>
internal static class BacklogQuery
{
    /// <summary>Reads the backlog in the read transaction.</summary>
    /// <param name="connection">A read connection.</param>
    /// <param name="transaction">The read transaction.</param>
    /// <param name="now">The current time.</param>
    /// <returns>The backlog.</returns>
    public static DeliveryBacklog Read(SqliteConnection connection, SqliteTransaction transaction, DateTimeOffset now)
    {
        using var select = SqliteCommands.Command(connection, transaction, $"""
            SELECT
                COUNT(*) FILTER (WHERE r.next_attempt_time <= $now AND (r.lease_expires_at IS NULL OR r.lease_expires_at <= $now)),
                COUNT(*) FILTER (WHERE r.status = 'Deferred'),
                MIN(r.next_attempt_time) FILTER (WHERE r.next_attempt_time <= $now AND (r.lease_expires_at IS NULL OR r.lease_expires_at <= $now))
            FROM recipients r JOIN emails e ON e.id = r.email_id
            WHERE r.next_attempt_time IS NOT NULL AND r.status IN ({SqliteValues.PendingStatuses}) AND e.terminated = 0;
            """);
        select.Parameters.AddWithValue("$now", SqliteValues.ToTicks(now));
        using var reader = select.ExecuteReader();
        reader.Read();
        return new DeliveryBacklog(
            reader.GetInt64(0),
            reader.GetInt64(1),
            reader.IsDBNull(2) ? null : SqliteValues.FromTicks(reader.GetInt64(2)));
    }
}
