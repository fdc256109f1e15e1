using Mailstrom.Model;
using Mailstrom.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace Mailstrom.Storage.Sqlite.Queue;

/// <summary>
/// Claims due recipients under a lease: selects the claimable ones oldest due first (skipping excluded domains),
/// completes each (email, domain) group up to the group limit, leases them and marks their emails started.
/// </summary>
internal static class DueWorkClaim
{
    /// <summary>The longest list of excluded domains whose claim query is kept prepared; longer lists are prepared each time.</summary>
    public const int MaxPreparedExclusions = 16;

    private const string ClaimableFilter = $"""
        r.next_attempt_time IS NOT NULL AND r.next_attempt_time <= $now
          AND r.status IN ({SqliteValues.PendingStatuses}) AND e.terminated = 0
          AND (r.lease_expires_at IS NULL OR r.lease_expires_at <= $now)
        """;

    private const string CandidateColumns =
        "r.email_id, r.ordinal, r.address, r.domain, r.requires_smtputf8, r.attempts, e.envelope_from, e.created_time, r.status";

    /// <summary>Claims what <paramref name="request"/> asks for, inside the write transaction.</summary>
    /// <param name="connection">The write connection.</param>
    /// <param name="transaction">The open write transaction.</param>
    /// <param name="request">A validated request.</param>
    /// <returns>The claimed recipients, each with a new lease token.</returns>
    public static List<DeliveryWorkItem> Claim(SqliteConnection connection, SqliteTransaction transaction, ClaimRequest request)
    {
        var now = SqliteValues.ToTicks(request.Now);
        var leaseExpiresAt = request.Now.ToUniversalTime() + request.LeaseDuration;
        var candidates = SelectDue(connection, transaction, request, now);
        if (request.GroupLimit > 1 && candidates.Count > 0)
        {
            candidates = CompleteGroups(connection, transaction, candidates, request.GroupLimit, now);
        }

        var items = new List<DeliveryWorkItem>(candidates.Count);
        if (candidates.Count == 0)
        {
            return items;
        }

        var lease = PreparedStatements.Get(connection, transaction, """
            UPDATE recipients SET lease_token = $token, lease_expires_at = $expires, lease_owner = $owner
            WHERE email_id = $emailId AND ordinal = $ordinal;
            """);
        lease.Parameters.AddWithValue("$expires", SqliteValues.ToTicks(leaseExpiresAt));
        lease.Parameters.AddWithValue("$owner", request.Owner);
        var token = SqliteCommands.Parameter(lease, "$token");
        var emailId = SqliteCommands.Parameter(lease, "$emailId");
        var ordinal = SqliteCommands.Parameter(lease, "$ordinal");
        foreach (var c in candidates)
        {
            var leaseToken = Guid.NewGuid().ToString("N");
            token.Value = leaseToken;
            emailId.Value = c.EmailId;
            ordinal.Value = c.Ordinal;
            lease.ExecuteNonQuery();
            items.Add(new DeliveryWorkItem(c.EmailId, c.Ordinal, c.Address, c.Domain, c.Utf8, c.From, c.Status, c.Attempts,
                SqliteValues.FromTicks(c.Created), leaseToken, leaseExpiresAt));
        }

        var emails = new EmailStateUpdater(connection, transaction);
        foreach (var started in candidates.Select(c => c.EmailId).Distinct(StringComparer.Ordinal))
        {
            emails.MarkStarted(started, now);
        }

        return items;
    }

    /// <summary>Up to <see cref="ClaimRequest.MaxItems"/> claimable recipients, oldest due first.</summary>
    private static List<Candidate> SelectDue(SqliteConnection connection, SqliteTransaction transaction, ClaimRequest request, long now)
    {
        var candidates = new List<Candidate>();
        var excluded = request.ExcludedDomains.Select(d => d.ToLowerInvariant()).Distinct(StringComparer.Ordinal).ToArray();
        var excludedNames = string.Join(", ", excluded.Select((_, i) => $"$x{i}"));
        var domainFilter = excluded.Length == 0 ? string.Empty : $"AND r.domain NOT IN ({excludedNames})";
        var sql = $"""
            SELECT {CandidateColumns}
            FROM recipients r JOIN emails e ON e.id = r.email_id
            WHERE {ClaimableFilter}
              {domainFilter}
            ORDER BY r.next_attempt_time, r.email_id, r.ordinal
            LIMIT $max;
            """;

        // One prepared variant per count of excluded domains, up to a few; longer lists are rare and prepared each time.
        var prepared = excluded.Length <= MaxPreparedExclusions;
        var select = prepared ? PreparedStatements.Get(connection, transaction, sql) : SqliteCommands.Command(connection, transaction, sql);
        using var oneOff = prepared ? null : select;   // a prepared command stays with the connection
        select.Parameters.AddWithValue("$now", now);
        select.Parameters.AddWithValue("$max", request.MaxItems);
        for (var i = 0; i < excluded.Length; i++)
        {
            select.Parameters.AddWithValue($"$x{i}", excluded[i]);
        }

        ReadCandidates(select, candidates);
        return candidates;
    }

    /// <summary>
    /// Adds to each (email, domain) group among <paramref name="chosen"/> the email's other claimable recipients on
    /// that domain, up to <paramref name="groupLimit"/> per group, right after the group's first chosen recipient.
    /// </summary>
    private static List<Candidate> CompleteGroups(
        SqliteConnection connection, SqliteTransaction transaction, List<Candidate> chosen, int groupLimit, long now)
    {
        var taken = chosen.Select(c => (c.EmailId, c.Ordinal)).ToHashSet();
        var sizes = chosen.GroupBy(c => (c.EmailId, c.Domain)).ToDictionary(g => g.Key, g => g.Count());
        var completed = new List<Candidate>(chosen.Count);
        var extras = new List<Candidate>();
        var select = PreparedStatements.Get(connection, transaction, $"""
            SELECT {CandidateColumns}
            FROM recipients r JOIN emails e ON e.id = r.email_id
            WHERE r.email_id = $emailId AND r.domain = $domain AND {ClaimableFilter}
            ORDER BY r.ordinal
            LIMIT $max;
            """);
        select.Parameters.AddWithValue("$now", now);
        var emailId = SqliteCommands.Parameter(select, "$emailId");
        var domain = SqliteCommands.Parameter(select, "$domain");
        var max = SqliteCommands.Parameter(select, "$max");
        foreach (var candidate in chosen)
        {
            completed.Add(candidate);
            var key = (candidate.EmailId, candidate.Domain);
            if (!sizes.TryGetValue(key, out var size))
            {
                continue; // The group was completed at its first recipient.
            }

            sizes.Remove(key);
            if (size >= groupLimit)
            {
                continue;
            }

            emailId.Value = candidate.EmailId;
            domain.Value = candidate.Domain;
            max.Value = groupLimit + size;
            extras.Clear();
            ReadCandidates(select, extras);
            foreach (var extra in extras.Where(e => taken.Add((e.EmailId, e.Ordinal))).Take(groupLimit - size))
            {
                completed.Add(extra);
            }
        }

        return completed;
    }

    private static void ReadCandidates(SqliteCommand select, List<Candidate> into)
    {
        using var reader = select.ExecuteReader();
        while (reader.Read())
        {
            into.Add(new Candidate(reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetString(3),
                reader.GetInt64(4) != 0, reader.GetInt32(5), reader.GetString(6), reader.GetInt64(7), SqliteValues.ParseDeliveryStatus(reader.GetString(8))));
        }
    }

    private readonly record struct Candidate(
        string EmailId, int Ordinal, string Address, string Domain, bool Utf8, int Attempts, string From, long Created, DeliveryStatus Status);
}
