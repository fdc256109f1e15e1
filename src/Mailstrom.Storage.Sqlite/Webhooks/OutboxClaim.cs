using Mailstrom.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace Mailstrom.Storage.Sqlite.Webhooks;

/// <summary>
/// Claims due outbox rows: their due time moves to the end of the claim, which is also the claim's token, so a row whose
/// claim lapses (its process died) is due again and a late result of the lapsed claim no longer matches.
/// </summary>
internal static class OutboxClaim
{
    private const string ClaimSql = """
        UPDATE webhook_outbox SET next_attempt_time = $until
        WHERE (endpoint, event_id) IN (
            SELECT endpoint, event_id FROM webhook_outbox
            WHERE next_attempt_time IS NOT NULL AND next_attempt_time <= $now
            ORDER BY next_attempt_time LIMIT $max)
        RETURNING endpoint, event_id, payload, event_time, attempts;
        """;

    /// <summary>Claims up to <paramref name="maxItems"/> due rows in the write transaction.</summary>
    /// <param name="connection">The write connection.</param>
    /// <param name="transaction">The open write transaction.</param>
    /// <param name="now">The current time.</param>
    /// <param name="maxItems">The most rows to claim.</param>
    /// <param name="claimDuration">How long the claim holds.</param>
    /// <returns>The claimed entries.</returns>
    public static IReadOnlyList<WebhookOutboxEntry> Claim(
        SqliteConnection connection, SqliteTransaction transaction, DateTimeOffset now, int maxItems, TimeSpan claimDuration)
    {
        var until = now + claimDuration;
        var claim = PreparedStatements.Get(connection, transaction, ClaimSql);
        claim.Parameters.AddWithValue("$until", SqliteValues.ToTicks(until));
        claim.Parameters.AddWithValue("$now", SqliteValues.ToTicks(now));
        claim.Parameters.AddWithValue("$max", maxItems);
        using var reader = claim.ExecuteReader();
        var entries = new List<WebhookOutboxEntry>();
        while (reader.Read())
        {
            entries.Add(new WebhookOutboxEntry(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), SqliteValues.FromTicks(reader.GetInt64(3)), reader.GetInt32(4), until));
        }

        return entries;
    }
}
