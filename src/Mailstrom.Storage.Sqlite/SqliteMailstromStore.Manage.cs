using Mailstrom.Model;
using Mailstrom.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace Mailstrom.Storage.Sqlite;

public sealed partial class SqliteMailstromStore
{
    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="id"/> is <see langword="null"/>.</exception>
    public Task<EmailStatus?> GetStatusAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        return ReadAsync((connection, transaction) =>
        {
            var recipients = new List<RecipientStatus>();
            using (var select = Command(connection, transaction,
                $"SELECT {RowReaders.RecipientColumns} FROM recipients r WHERE r.email_id = $id ORDER BY r.ordinal;"))
            {
                select.Parameters.AddWithValue("$id", id);
                using var reader = select.ExecuteReader();
                while (reader.Read())
                {
                    recipients.Add(RowReaders.ReadRecipient(reader));
                }
            }

            using (var select = Command(connection, transaction, $"SELECT {RowReaders.EmailColumns} FROM emails e WHERE e.id = $id;"))
            {
                select.Parameters.AddWithValue("$id", id);
                using var reader = select.ExecuteReader();
                return reader.Read() ? RowReaders.ReadEmail(reader, recipients) : null;
            }
        }, cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="id"/> is <see langword="null"/>.</exception>
    public Task<TerminateResult> TerminateAsync(string id, string? reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        return WriteAsync((connection, transaction, _) => Terminate(connection, transaction, id, reason, now), cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="id"/> is <see langword="null"/>.</exception>
    public Task<bool> PurgeAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        return WriteAsync((connection, transaction, _) =>
        {
            using var delete = Command(connection, transaction, """
                DELETE FROM idempotency_keys WHERE email_id = $id;
                DELETE FROM recipients WHERE email_id = $id;
                DELETE FROM email_contents WHERE email_id = $id;
                DELETE FROM emails WHERE id = $id;
                SELECT changes();
                """);
            delete.Parameters.AddWithValue("$id", id);
            return Convert.ToInt64(delete.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;
        }, cancellationToken);
    }

    private static TerminateResult Terminate(
        SqliteConnection connection, SqliteTransaction transaction, string id, string? reason, DateTimeOffset now)
    {
        using (var select = Command(connection, transaction, "SELECT runtime_status FROM emails WHERE id = $id;"))
        {
            select.Parameters.AddWithValue("$id", id);
            if (select.ExecuteScalar() is not string status)
            {
                return TerminateResult.NotFound;
            }

            if (SqliteValues.IsTerminal(SqliteValues.ParseRuntimeStatus(status)))
            {
                return TerminateResult.AlreadyTerminal;
            }
        }

        using var update = Command(connection, transaction, $"""
            UPDATE recipients SET status = 'Cancelled', next_attempt_time = NULL, lease_token = NULL, lease_expires_at = NULL
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
