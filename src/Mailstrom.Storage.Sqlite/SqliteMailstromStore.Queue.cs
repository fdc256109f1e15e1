using Mailstrom.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace Mailstrom.Storage.Sqlite;

public sealed partial class SqliteMailstromStore
{
    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">MaxItems is less than 1, or LeaseDuration is not positive.</exception>
    public Task<IReadOnlyList<DeliveryWorkItem>> ClaimDueAsync(ClaimRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.MaxItems, 1, nameof(request));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(request.LeaseDuration, TimeSpan.Zero, nameof(request));
        return WriteAsync<IReadOnlyList<DeliveryWorkItem>>((connection, transaction, _) => Claim(connection, transaction, request), cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="emailId"/> is <see langword="null"/>.</exception>
    public Task<ReadOnlyMemory<byte>?> GetContentAsync(string emailId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(emailId);
        return ReadAsync<ReadOnlyMemory<byte>?>((connection, transaction) =>
        {
            using var select = Command(connection, transaction, "SELECT content FROM email_contents WHERE email_id = $id;");
            select.Parameters.AddWithValue("$id", emailId);
            using var reader = select.ExecuteReader();
            if (!reader.Read())
            {
                return null;
            }

            return new ReadOnlyMemory<byte>(reader.GetFieldValue<byte[]>(0));
        }, cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="results"/> is <see langword="null"/>.</exception>
    public Task<int> RecordAsync(IReadOnlyList<RecipientResult> results, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(results);
        return results.Count == 0
            ? Task.FromResult(0)
            : WriteAsync((connection, transaction, _) => Record(connection, transaction, results), cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="items"/> is <see langword="null"/>.</exception>
    public Task ReleaseAsync(IReadOnlyList<DeliveryWorkItem> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0)
        {
            return Task.CompletedTask;
        }

        return WriteAsync((connection, transaction, _) =>
        {
            var release = Prepared(connection, transaction, """
                UPDATE recipients SET lease_token = NULL, lease_expires_at = NULL
                WHERE email_id = $emailId AND ordinal = $ordinal AND lease_token = $token;
                """);
            var emailId = Parameter(release, "$emailId");
            var ordinal = Parameter(release, "$ordinal");
            var token = Parameter(release, "$token");
            foreach (var item in items)
            {
                emailId.Value = item.EmailId;
                ordinal.Value = item.Ordinal;
                token.Value = item.LeaseToken;
                release.ExecuteNonQuery();
            }

            return true;
        }, cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Walks the due-time index from the earliest and stops at the first recipient due at or after the best time found:
    /// every later one becomes claimable no earlier than its due time. Only leased recipients (those in flight) are
    /// read before it stops, so the cost does not grow with the backlog.
    /// </remarks>
    public Task<DateTimeOffset?> GetNextDueTimeAsync(CancellationToken cancellationToken) =>
        ReadAsync<DateTimeOffset?>((connection, transaction) =>
        {
            using var select = Command(connection, transaction, $"""
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
        }, cancellationToken);

    private static int Record(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<RecipientResult> results)
    {
        var touched = new Dictionary<string, (int NewlyFinal, long Now)>(StringComparer.Ordinal);
        var applied = 0;
        var update = Prepared(connection, transaction, $"""
            UPDATE recipients
            SET status = $status, attempts = $attempts, last_attempt_time = $last, next_attempt_time = $next,
                mx_host = $mxHost, smtp_code = $code, enhanced_status_code = $enhanced, response = $response, tls = $tls,
                lease_token = NULL, lease_expires_at = NULL
            WHERE email_id = $emailId AND ordinal = $ordinal AND lease_token = $token
              AND status IN ({SqliteValues.PendingStatuses});
            """);
        string[] names = ["$status", "$attempts", "$last", "$next", "$mxHost", "$code", "$enhanced", "$response", "$tls", "$emailId", "$ordinal", "$token"];
        var p = names.Select(name => Parameter(update, name)).ToArray();
        foreach (var result in results)
        {
            ArgumentNullException.ThrowIfNull(result, nameof(results));
            var state = result.State;
            var final = SqliteValues.IsFinal(state.Status);
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
            if (update.ExecuteNonQuery() != 1)
            {
                continue;
            }

            applied++;
            var now = SqliteValues.ToTicks(result.Now);
            touched[result.EmailId] = touched.TryGetValue(result.EmailId, out var t)
                ? (t.NewlyFinal + (final ? 1 : 0), Math.Max(t.Now, now))
                : (final ? 1 : 0, now);
        }

        var emails = new EmailStateUpdater(connection, transaction);
        foreach (var (emailId, change) in touched)
        {
            emails.ApplyResults(emailId, change.NewlyFinal, change.Now);
        }

        return applied;
    }
}
