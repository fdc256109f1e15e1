using System.Globalization;
using Mailstrom.Model;
using Mailstrom.Storage.Sqlite.Internal;
using Mailstrom.Suppression;
using Microsoft.Data.Sqlite;

namespace Mailstrom.Storage.Sqlite.Suppression;

/// <summary>
/// The <c>suppressions</c> table: one row per normalized address (its primary key), so the check before an attempt is one
/// indexed <c>IN</c> lookup per batch and the listing pages by keyset on the address.
/// </summary>
internal static class SuppressionTable
{
    /// <summary>The engine tag of the listing's continuation tokens.</summary>
    public const string TokenEngine = "q1";

    private const string Columns = "address, smtp_code, enhanced_status_code, response, suppressed_time, email_id";

    private const string UpsertSql = """
        INSERT INTO suppressions (address, smtp_code, enhanced_status_code, response, suppressed_time, email_id)
        VALUES ($address, $code, $enhanced, $response, $time, $emailId)
        ON CONFLICT (address) DO UPDATE SET
            smtp_code = excluded.smtp_code, enhanced_status_code = excluded.enhanced_status_code, response = excluded.response,
            suppressed_time = excluded.suppressed_time, email_id = excluded.email_id;
        """;

    /// <summary>Adds or replaces an entry inside the write transaction.</summary>
    public static void Upsert(SqliteConnection connection, SqliteTransaction transaction, SuppressionEntry entry)
    {
        var upsert = PreparedStatements.Get(connection, transaction, UpsertSql);
        upsert.Parameters.AddWithValue("$address", entry.Address);
        upsert.Parameters.AddWithValue("$code", SqliteValues.ToDb(entry.SmtpCode));
        upsert.Parameters.AddWithValue("$enhanced", SqliteValues.ToDb(entry.EnhancedStatusCode));
        upsert.Parameters.AddWithValue("$response", SqliteValues.ToDb(entry.Response));
        upsert.Parameters.AddWithValue("$time", SqliteValues.ToTicks(entry.SuppressedTime));
        upsert.Parameters.AddWithValue("$emailId", entry.EmailId);
        upsert.ExecuteNonQuery();
    }

    /// <summary>Deletes an address's entry inside the write transaction.</summary>
    /// <returns>Whether there was one.</returns>
    public static bool Remove(SqliteConnection connection, SqliteTransaction transaction, string address)
    {
        using var delete = SqliteCommands.Command(connection, transaction, "DELETE FROM suppressions WHERE address = $address;");
        delete.Parameters.AddWithValue("$address", address);
        return delete.ExecuteNonQuery() == 1;
    }

    /// <summary>The entries of the listed addresses among <paramref name="addresses"/>, in one query.</summary>
    public static IReadOnlyDictionary<string, SuppressionEntry> Find(
        SqliteConnection connection, SqliteTransaction transaction, IReadOnlyCollection<string> addresses)
    {
        var found = new Dictionary<string, SuppressionEntry>(StringComparer.Ordinal);
        using var select = SqliteCommands.Command(connection, transaction, string.Empty);
        var names = addresses.Select((address, i) =>
        {
            select.Parameters.AddWithValue($"$a{i}", address);
            return $"$a{i}";
        }).ToList();
        select.CommandText = $"SELECT {Columns} FROM suppressions WHERE address IN ({string.Join(", ", names)});";
        using var reader = select.ExecuteReader();
        while (reader.Read())
        {
            var entry = Read(reader);
            found[entry.Address] = entry;
        }

        return found;
    }

    /// <summary>One page in address order, after the address named by the query's token.</summary>
    /// <exception cref="InvalidContinuationTokenException">The token was not issued here.</exception>
    public static SuppressionPage List(SqliteConnection connection, SqliteTransaction transaction, SuppressionQuery query)
    {
        var limit = Math.Clamp(query.Limit, 1, SuppressionQuery.MaxLimit);
        using var select = SqliteCommands.Command(connection, transaction, string.Empty);
        var where = string.Empty;
        if (query.ContinuationToken is { } token)
        {
            where = "WHERE address > $after ";
            select.Parameters.AddWithValue("$after", ContinuationTokens.Decode(TokenEngine, token));
        }

        select.CommandText = string.Create(CultureInfo.InvariantCulture,
            $"SELECT {Columns} FROM suppressions {where}ORDER BY address LIMIT {limit + 1};");
        var items = new List<SuppressionEntry>();
        using var reader = select.ExecuteReader();
        while (items.Count < limit && reader.Read())
        {
            items.Add(Read(reader));
        }

        var next = reader.Read() ? ContinuationTokens.Encode(TokenEngine, items[^1].Address) : null;
        return new SuppressionPage(items, next);
    }

    private static SuppressionEntry Read(SqliteDataReader reader) => new(
        reader.GetString(0),
        reader.IsDBNull(1) ? null : reader.GetInt32(1),
        reader.IsDBNull(2) ? null : reader.GetString(2),
        reader.IsDBNull(3) ? null : reader.GetString(3),
        SqliteValues.FromTicks(reader.GetInt64(4)),
        reader.GetString(5));
}
