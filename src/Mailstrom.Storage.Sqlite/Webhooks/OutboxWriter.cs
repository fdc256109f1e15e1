using Mailstrom.Storage.Sqlite.Internal;
using Mailstrom.Webhooks;
using Microsoft.Data.Sqlite;

namespace Mailstrom.Storage.Sqlite.Webhooks;

/// <summary>
/// Writes webhook events into the outbox inside the transaction that records the status changes they tell of, one row
/// per endpoint that wants the event, due at once. A row already there (the same event id for the same endpoint) is kept.
/// With no endpoint configured it writes nothing.
/// </summary>
/// <param name="connection">The write connection.</param>
/// <param name="transaction">The open write transaction.</param>
/// <param name="endpoints">The configured endpoints; <see langword="null"/> when webhooks are not registered.</param>
internal sealed class OutboxWriter(SqliteConnection connection, SqliteTransaction transaction, WebhookEndpoints? endpoints)
{
    private const string InsertSql = """
        INSERT OR IGNORE INTO webhook_outbox (endpoint, event_id, email_id, payload, event_time, attempts, next_attempt_time)
        VALUES ($endpoint, $eventId, $emailId, $payload, $time, 0, $time);
        """;

    /// <summary>Whether any endpoint wants events of <paramref name="type"/> (so building the event is worth it).</summary>
    /// <param name="type">An event type, or <see langword="null"/> for a change that has no event.</param>
    /// <returns><see langword="true"/> when at least one endpoint wants it.</returns>
    public bool Wants(string? type) => type is not null && endpoints is not null && endpoints.SubscribedTypes.Contains(type, StringComparer.Ordinal);

    /// <summary>Writes <paramref name="webhookEvent"/> for every endpoint that wants it.</summary>
    /// <param name="emailId">The email the event is about.</param>
    /// <param name="webhookEvent">The event, or <see langword="null"/> for none.</param>
    public void Add(string emailId, WebhookEvent? webhookEvent)
    {
        if (webhookEvent is null || !Wants(webhookEvent.Type))
        {
            return;
        }

        var payload = WebhookPayload.Serialize(webhookEvent);
        foreach (var endpoint in endpoints!.For(webhookEvent.Type))
        {
            var insert = PreparedStatements.Get(connection, transaction, InsertSql);
            insert.Parameters.AddWithValue("$endpoint", endpoint.Name);
            insert.Parameters.AddWithValue("$eventId", webhookEvent.Id);
            insert.Parameters.AddWithValue("$emailId", emailId);
            insert.Parameters.AddWithValue("$payload", payload);
            insert.Parameters.AddWithValue("$time", SqliteValues.ToTicks(webhookEvent.Timestamp));
            insert.ExecuteNonQuery();
        }
    }
}
