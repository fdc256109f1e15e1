using Mailstrom.Orchestration;
using Mailstrom.Storage.Sqlite.Webhooks;
using Mailstrom.Webhooks;
using Microsoft.Data.Sqlite;

namespace Mailstrom.Storage.Sqlite.Internal;

/// <summary>
/// Keeps an email row's <c>started</c>, <c>final_count</c>, <c>runtime_status</c> and <c>last_updated_time</c> in step
/// with its recipients, inside the transaction that changed them, using <see cref="RuntimeStatusRules.Derive"/>; the
/// email's completion is written to the webhook outbox in the same transaction.
/// </summary>
/// <param name="connection">The write connection.</param>
/// <param name="transaction">The open write transaction.</param>
/// <param name="outbox">Where the completion event goes; <see langword="null"/> where no result can complete an email.</param>
internal sealed class EmailStateUpdater(SqliteConnection connection, SqliteTransaction transaction, OutboxWriter? outbox = null)
{
    /// <summary>Marks the email started (work began on a recipient); a no-op when it already was.</summary>
    /// <param name="emailId">The email id.</param>
    /// <param name="now">The claim time, in UTC ticks.</param>
    public void MarkStarted(string emailId, long now)
    {
        if (Read(emailId) is { Started: false } row)
        {
            Write(emailId, row with { Started = true }, now);
        }
    }

    /// <summary>Accounts for applied attempt results.</summary>
    /// <param name="emailId">The email id.</param>
    /// <param name="newlyFinal">How many of its recipients became final.</param>
    /// <param name="now">The latest result time, in UTC ticks.</param>
    public void ApplyResults(string emailId, int newlyFinal, long now)
    {
        if (Read(emailId) is not { } row)
        {
            return;
        }

        Write(emailId, row with { Started = true, FinalCount = row.FinalCount + newlyFinal }, now);
        var completed = newlyFinal > 0 && !row.Terminated && row.FinalCount < row.RecipientCount && row.FinalCount + newlyFinal >= row.RecipientCount;
        if (completed && outbox is not null && outbox.Wants(WebhookEventTypes.EmailCompleted))
        {
            var (delivered, failed, cancelled) = RecipientCounts.Read(connection, transaction, emailId);
            outbox.Add(emailId, WebhookEvents.ForEmail(emailId, terminated: false, delivered, failed, cancelled, reason: null, SqliteValues.FromTicks(now)));
        }
    }

    private EmailRow? Read(string emailId)
    {
        var select = PreparedStatements.Get(connection, transaction,
            "SELECT terminated, started, recipient_count, final_count FROM emails WHERE id = $id;");
        select.Parameters.AddWithValue("$id", emailId);
        using var reader = select.ExecuteReader();
        return reader.Read()
            ? new EmailRow(reader.GetInt64(0) != 0, reader.GetInt64(1) != 0, reader.GetInt32(2), reader.GetInt32(3))
            : null;
    }

    private void Write(string emailId, EmailRow row, long now)
    {
        var status = RuntimeStatusRules.Derive(row.Terminated, row.Started, row.RecipientCount, row.FinalCount);
        var update = PreparedStatements.Get(connection, transaction, """
            UPDATE emails SET started = $started, final_count = $final, runtime_status = $status,
                              last_updated_time = MAX(last_updated_time, $now)
            WHERE id = $id;
            """);
        update.Parameters.AddWithValue("$started", row.Started ? 1 : 0);
        update.Parameters.AddWithValue("$final", row.FinalCount);
        update.Parameters.AddWithValue("$status", status.ToString());
        update.Parameters.AddWithValue("$now", now);
        update.Parameters.AddWithValue("$id", emailId);
        update.ExecuteNonQuery();
    }

    private sealed record EmailRow(bool Terminated, bool Started, int RecipientCount, int FinalCount);
}
