using Mailstrom.Storage.Sqlite.Internal;
using Mailstrom.Webhooks;
using Microsoft.Data.Sqlite;

namespace Mailstrom.Storage.Sqlite.Webhooks;

/// <summary>
/// Records tries of claimed outbox rows, each only while the row still holds its claim: a delivered row is deleted, a
/// retried one is due at its next attempt time, a dead one keeps its last error and is no longer due.
/// </summary>
internal static class OutboxRecording
{
    private const string DeleteSql = """
        DELETE FROM webhook_outbox WHERE endpoint = $endpoint AND event_id = $eventId AND next_attempt_time = $claim;
        """;

    private const string UpdateSql = """
        UPDATE webhook_outbox SET attempts = $attempts, next_attempt_time = $next, last_error = $error
        WHERE endpoint = $endpoint AND event_id = $eventId AND next_attempt_time = $claim;
        """;

    /// <summary>Records <paramref name="results"/> in the write transaction.</summary>
    /// <param name="connection">The write connection.</param>
    /// <param name="transaction">The open write transaction.</param>
    /// <param name="results">The tries.</param>
    /// <returns>How many results still held their claim and were recorded.</returns>
    public static int Record(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<WebhookOutboxResult> results)
    {
        var recorded = 0;
        foreach (var result in results)
        {
            ArgumentNullException.ThrowIfNull(result, nameof(results));
            var entry = result.Entry;
            var decision = result.Decision;
            var command = PreparedStatements.Get(connection, transaction, decision.Kind == WebhookDecisionKind.Delivered ? DeleteSql : UpdateSql);
            command.Parameters.AddWithValue("$endpoint", entry.Endpoint);
            command.Parameters.AddWithValue("$eventId", entry.EventId);
            command.Parameters.AddWithValue("$claim", SqliteValues.ToTicks(entry.ClaimedUntil));
            if (decision.Kind != WebhookDecisionKind.Delivered)
            {
                command.Parameters.AddWithValue("$attempts", entry.Attempts + 1);
                command.Parameters.AddWithValue("$next", decision.Kind == WebhookDecisionKind.Retry
                    ? SqliteValues.ToTicks(decision.NextAttemptTime ?? entry.ClaimedUntil)
                    : DBNull.Value);
                command.Parameters.AddWithValue("$error", decision.Detail);
            }

            recorded += command.ExecuteNonQuery();
        }

        return recorded;
    }
}
