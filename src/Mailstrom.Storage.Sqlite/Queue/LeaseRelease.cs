using Mailstrom.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace Mailstrom.Storage.Sqlite.Queue;

/// <summary>Gives up leases without an attempt: a recipient still holding the item's lease token is claimable at once.</summary>
internal static class LeaseRelease
{
    /// <summary>Releases the leases of <paramref name="items"/> inside the write transaction.</summary>
    /// <param name="connection">The write connection.</param>
    /// <param name="transaction">The open write transaction.</param>
    /// <param name="items">The claimed items.</param>
    public static void Release(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<DeliveryWorkItem> items)
    {
        var release = PreparedStatements.Get(connection, transaction, """
            UPDATE recipients SET lease_token = NULL, lease_expires_at = NULL, lease_owner = NULL
            WHERE email_id = $emailId AND ordinal = $ordinal AND lease_token = $token;
            """);
        var emailId = SqliteCommands.Parameter(release, "$emailId");
        var ordinal = SqliteCommands.Parameter(release, "$ordinal");
        var token = SqliteCommands.Parameter(release, "$token");
        foreach (var item in items)
        {
            emailId.Value = item.EmailId;
            ordinal.Value = item.Ordinal;
            token.Value = item.LeaseToken;
            release.ExecuteNonQuery();
        }
    }

    /// <summary>Releases the unexpired leases of every owner <paramref name="ownerIsGone"/> says is gone.</summary>
    /// <returns>How many leases were released.</returns>
    public static int ReleaseGoneOwners(SqliteConnection connection, SqliteTransaction transaction, Func<string, bool> ownerIsGone, long now)
    {
        var owners = new List<string>();
        using (var select = SqliteCommands.Command(connection, transaction, """
            SELECT DISTINCT lease_owner FROM recipients WHERE lease_owner IS NOT NULL AND lease_expires_at > $now;
            """))
        {
            select.Parameters.AddWithValue("$now", now);
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                owners.Add(reader.GetString(0));
            }
        }

        var released = 0;
        using var release = SqliteCommands.Command(connection, transaction, """
            UPDATE recipients SET lease_token = NULL, lease_expires_at = NULL, lease_owner = NULL
            WHERE lease_owner = $owner AND lease_expires_at > $now;
            """);
        release.Parameters.AddWithValue("$now", now);
        var owner = SqliteCommands.Parameter(release, "$owner");
        foreach (var gone in owners.Where(ownerIsGone))
        {
            owner.Value = gone;
            released += release.ExecuteNonQuery();
        }

        return released;
    }
}
