using Mailstrom.Model;
using Mailstrom.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace Mailstrom.Storage.Sqlite.Emails;

/// <summary>Terminates an email: every recipient not yet final becomes Cancelled and the email Terminated.</summary>
internal static class EmailTermination
{
    /// <summary>Terminates <paramref name="id"/> in the write transaction, unless it is unknown or already terminal.</summary>
    /// <param name="connection">The write connection.</param>
    /// <param name="transaction">The open write transaction.</param>
    /// <param name="id">The email id.</param>
    /// <param name="reason">The caller's reason.</param>
    /// <param name="now">The time of termination.</param>
    /// <returns>What happened.</returns>
    public static TerminateResult Terminate(
        SqliteConnection connection, SqliteTransaction transaction, string id, string? reason, DateTimeOffset now)
    {
        using (var select = SqliteCommands.Command(connection, transaction, "SELECT runtime_status FROM emails WHERE id = $id;"))
        {
            select.Parameters.AddWithValue("$id", id);
            if (select.ExecuteScalar() is not string status)
            {
                return TerminateResult.NotFound;
            }

            if (SqliteValues.ParseRuntimeStatus(status).IsTerminal())
            {
                return TerminateResult.AlreadyTerminal;
            }
        }

        using var update = SqliteCommands.Command(connection, transaction, $"""
            UPDATE recipients SET status = 'Cancelled', next_attempt_time = NULL, lease_token = NULL, lease_expires_at = NULL, lease_owner = NULL
            WHERE email_id = $id AND status IN ({SqliteValues.PendingStatuses});
            UPDATE emails SET terminated = 1, termination_reason = $reason, final_count = recipient_count,
                              runtime_status = $status, last_updated_time = MAX(last_updated_time, $now)
            WHERE id = $id;
            """);
        update.Parameters.AddWithValue("$id", id);
        update.Parameters.AddWithValue("$reason", SqliteValues.ToDb(reason));
        update.Parameters.AddWithValue("$status", nameof(RuntimeStatus.Terminated));
        update.Parameters.AddWithValue("$now", SqliteValues.ToTicks(now));
        update.ExecuteNonQuery();
        return TerminateResult.Terminated;
    }
}
