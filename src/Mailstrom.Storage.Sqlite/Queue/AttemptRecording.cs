using Mailstrom.Model;
using Mailstrom.Storage.Sqlite.Internal;
using Mailstrom.Storage.Sqlite.Suppression;
using Mailstrom.Storage.Sqlite.Webhooks;
using Mailstrom.Webhooks;
using Microsoft.Data.Sqlite;

namespace Mailstrom.Storage.Sqlite.Queue;

/// <summary>
/// Applies attempt results: each one only while its recipient still holds the lease token it was claimed with and is
/// not final (a final state is never overwritten), ending the lease; then brings each touched email's counts and
/// runtime status up to date in the same transaction, with each applied result's suppression entry, and a webhook event for each applied result (and for each email it
/// completes) in the outbox.
/// </summary>
internal static class AttemptRecording
{
    private const string UpdateRecipientSql = $"""
        UPDATE recipients
        SET status = $status, attempts = $attempts, last_attempt_time = $last, next_attempt_time = $next,
            mx_host = $mxHost, smtp_code = $code, enhanced_status_code = $enhanced, response = $response, tls = $tls, mta_sts = $mtaSts,
            lease_token = NULL, lease_expires_at = NULL, lease_owner = NULL
        WHERE email_id = $emailId AND ordinal = $ordinal AND lease_token = $token
          AND status IN ({SqliteValues.PendingStatuses});
        """;

    /// <summary>Records <paramref name="results"/> inside the write transaction.</summary>
    /// <param name="connection">The write connection.</param>
    /// <param name="transaction">The open write transaction.</param>
    /// <param name="results">The new state of each attempted recipient.</param>
    /// <param name="webhooks">The configured webhook endpoints, if any.</param>
    /// <returns>How many results were applied.</returns>
    /// <exception cref="ArgumentNullException">A result is <see langword="null"/>.</exception>
    public static int Record(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<RecipientResult> results, WebhookEndpoints? webhooks)
    {
        var outbox = new OutboxWriter(connection, transaction, webhooks);
        var touched = new Dictionary<string, (int NewlyFinal, long Now)>(StringComparer.Ordinal);
        var applied = 0;
        var update = PreparedStatements.Get(connection, transaction, UpdateRecipientSql);
        string[] names = ["$status", "$attempts", "$last", "$next", "$mxHost", "$code", "$enhanced", "$response", "$tls", "$emailId", "$ordinal", "$token", "$mtaSts"];
        var p = names.Select(name => SqliteCommands.Parameter(update, name)).ToArray();
        foreach (var result in results)
        {
            ArgumentNullException.ThrowIfNull(result, nameof(results));
            var state = result.State;
            var final = state.Status.IsFinal();
            p[0].Value = state.Status.ToString();
            p[1].Value = state.Attempts;
            p[2].Value = SqliteValues.ToDb(state.LastAttemptTime);
            p[3].Value = final ? DBNull.Value : (object)SqliteValues.ToTicks(state.NextAttemptTime ?? result.Now);
            p[4].Value = SqliteValues.ToDb(state.MxHost);
            p[5].Value = SqliteValues.ToDb(state.SmtpCode);
            p[6].Value = SqliteValues.ToDb(state.EnhancedStatusCode);
            p[7].Value = SqliteValues.ToDb(state.Response);
            p[8].Value = SqliteValues.ToDb(state.Tls);
            p[9].Value = result.EmailId;
            p[10].Value = result.Ordinal;
            p[11].Value = result.LeaseToken;
            p[12].Value = SqliteValues.ToDb(state.MtaSts);
            if (update.ExecuteNonQuery() != 1)
            {
                continue;
            }

            applied++;
            if (result.Suppression is { } suppression)
            {
                SuppressionTable.Upsert(connection, transaction, suppression);
            }

            if (outbox.Wants(WebhookEvents.TypeOf(state.Status)))
            {
                outbox.Add(result.EmailId, WebhookEvents.ForRecipient(result.EmailId, result.Ordinal, state, result.Now));
            }

            var now = SqliteValues.ToTicks(result.Now);
            touched[result.EmailId] = touched.TryGetValue(result.EmailId, out var t)
                ? (t.NewlyFinal + (final ? 1 : 0), Math.Max(t.Now, now))
                : (final ? 1 : 0, now);
        }

        var emails = new EmailStateUpdater(connection, transaction, outbox);
        foreach (var (emailId, change) in touched)
        {
            emails.ApplyResults(emailId, change.NewlyFinal, change.Now);
        }

        return applied;
    }
}
