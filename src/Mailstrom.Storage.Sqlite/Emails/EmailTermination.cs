using Mailstrom.Model;
using Mailstrom.Storage.Sqlite.Internal;
using Mailstrom.Storage.Sqlite.Webhooks;
using Mailstrom.Webhooks;
using Microsoft.Data.Sqlite;

namespace Mailstrom.Storage.Sqlite.Emails;

/// <summary>
/// Terminates an email: every recipient not yet final becomes Cancelled and the email Terminated, with a webhook event
/// for each cancelled recipient and one for the email in the outbox, in the same transaction.
/// </summary>
internal static class EmailTermination
{
    private const string CancelSql = $"""
        UPDATE recipients SET status = 'Cancelled', next_attempt_time = NULL, lease_token = NULL, lease_expires_at = NULL, lease_owner = NULL
        WHERE email_id = $id AND status IN ({SqliteValues.PendingStatuses})
        RETURNING email_id, address, status, attempts, last_attempt_time, next_attempt_time, mx_host, smtp_code,
                  enhanced_status_code, response, tls, mta_sts, ordinal;
        """;

    /// <summary>Terminates <paramref name="id"/> in the write transaction, unless it is unknown or already terminal.</summary>
    /// <param name="connection">The write connection.</param>
    /// <param name="transaction">The open write transaction.</param>
    /// <param name="id">The email id.</param>
    /// <param name="reason">The caller's reason.</param>
    /// <param name="now">The time of termination.</param>
    /// <param name="webhooks">The configured webhook endpoints, if any.</param>
    /// <returns>What happened.</returns>
    public static TerminateResult Terminate(
        SqliteConnection connection, SqliteTransaction transaction, string id, string? reason, DateTimeOffset now, WebhookEndpoints? webhooks)
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

        var outbox = new OutboxWriter(connection, transaction, webhooks);
        using (var cancel = SqliteCommands.Command(connection, transaction, CancelSql))
        {
            cancel.Parameters.AddWithValue("$id", id);
            using var reader = cancel.ExecuteReader();
            while (reader.Read())
            {
                if (outbox.Wants(WebhookEventTypes.RecipientCancelled))
                {
                    outbox.Add(id, WebhookEvents.ForRecipient(id, reader.GetInt32(12), RowReaders.ReadRecipient(reader), now));
                }
            }
        }

        using var update = SqliteCommands.Command(connection, transaction, """
            UPDATE emails SET terminated = 1, termination_reason = $reason, final_count = recipient_count,
                              runtime_status = $status, last_updated_time = MAX(last_updated_time, $now)
            WHERE id = $id;
            """);
        update.Parameters.AddWithValue("$id", id);
        update.Parameters.AddWithValue("$reason", SqliteValues.ToDb(reason));
        update.Parameters.AddWithValue("$status", nameof(RuntimeStatus.Terminated));
        update.Parameters.AddWithValue("$now", SqliteValues.ToTicks(now));
        update.ExecuteNonQuery();
        if (outbox.Wants(WebhookEventTypes.EmailTerminated))
        {
            var (delivered, failed, cancelled) = RecipientCounts.Read(connection, transaction, id);
            outbox.Add(id, WebhookEvents.ForEmail(id, terminated: true, delivered, failed, cancelled, reason, now));
        }

        return TerminateResult.Terminated;
    }
}
