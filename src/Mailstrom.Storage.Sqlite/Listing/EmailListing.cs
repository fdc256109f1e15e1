using System.Globalization;
using System.Text;
using Mailstrom.Model;
using Mailstrom.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace Mailstrom.Storage.Sqlite.Listing;

/// <summary>
/// Lists emails newest first, one page per read transaction: filters by runtime status and created time, pages by
/// keyset (<see cref="ContinuationToken"/>), and loads the page's recipients with one more query.
/// </summary>
internal static class EmailListing
{
    /// <summary>Reads the page of <paramref name="query"/> after <paramref name="after"/>.</summary>
    /// <param name="connection">A read connection.</param>
    /// <param name="transaction">The read transaction.</param>
    /// <param name="query">Filters and page size (clamped to 1..<see cref="EmailQuery.MaxTop"/>).</param>
    /// <param name="after">The decoded continuation token, or <see langword="null"/> for the first page.</param>
    /// <returns>The page, with a continuation token when more emails match.</returns>
    public static EmailPage List(SqliteConnection connection, SqliteTransaction transaction, EmailQuery query, ContinuationToken? after)
    {
        var top = Math.Clamp(query.Top, 1, EmailQuery.MaxTop);
        using var select = SqliteCommands.Command(connection, transaction, string.Empty);
        var where = new List<string>();
        if (query.RuntimeStatuses is { Count: > 0 } statuses)
        {
            var names = statuses.Distinct().Select((status, i) =>
            {
                select.Parameters.AddWithValue($"$s{i}", status.ToString());
                return $"$s{i}";
            }).ToList();
            where.Add($"e.runtime_status IN ({string.Join(", ", names)})");
        }

        if (query.CreatedTimeFrom is { } from)
        {
            where.Add("e.created_time >= $from");
            select.Parameters.AddWithValue("$from", SqliteValues.ToTicks(from));
        }

        if (query.CreatedTimeTo is { } to)
        {
            where.Add("e.created_time <= $to");
            select.Parameters.AddWithValue("$to", SqliteValues.ToTicks(to));
        }

        if (after is not null)
        {
            where.Add("(e.created_time < $afterTime OR (e.created_time = $afterTime AND e.id < $afterId))");
            select.Parameters.AddWithValue("$afterTime", after.CreatedTicks);
            select.Parameters.AddWithValue("$afterId", after.Id);
        }

        var sql = new StringBuilder($"SELECT {RowReaders.EmailColumns} FROM emails e");
        if (where.Count > 0)
        {
            sql.Append(" WHERE ").AppendJoin(" AND ", where);
        }

        sql.Append(CultureInfo.InvariantCulture, $" ORDER BY e.created_time DESC, e.id DESC LIMIT {top + 1};");
        select.CommandText = sql.ToString();

        var page = new List<(EmailStatus Email, long CreatedTicks)>();
        var recipientsById = new Dictionary<string, List<RecipientStatus>>(StringComparer.Ordinal);
        bool more;
        using (var reader = select.ExecuteReader())
        {
            while (page.Count < top && reader.Read())
            {
                var email = RowReaders.ReadEmail(reader, []);
                page.Add((email, reader.GetInt64(4)));
                recipientsById[email.Id] = [];
            }

            more = reader.Read();
        }

        LoadRecipients(connection, transaction, recipientsById);
        var items = page.Select(row => row.Email with { Recipients = recipientsById[row.Email.Id] }).ToList();
        var next = more && page.Count > 0 ? new ContinuationToken(page[^1].CreatedTicks, page[^1].Email.Id).Encode() : null;
        return new EmailPage(items, next);
    }

    private static void LoadRecipients(
        SqliteConnection connection, SqliteTransaction transaction, Dictionary<string, List<RecipientStatus>> recipientsById)
    {
        if (recipientsById.Count == 0)
        {
            return;
        }

        using var select = SqliteCommands.Command(connection, transaction, string.Empty);
        var names = recipientsById.Keys.Select((id, i) =>
        {
            select.Parameters.AddWithValue($"$e{i}", id);
            return $"$e{i}";
        }).ToList();
        select.CommandText =
            $"SELECT {RowReaders.RecipientColumns} FROM recipients r WHERE r.email_id IN ({string.Join(", ", names)}) ORDER BY r.email_id, r.ordinal;";
        using var reader = select.ExecuteReader();
        while (reader.Read())
        {
            recipientsById[reader.GetString(0)].Add(RowReaders.ReadRecipient(reader));
        }
    }
}
