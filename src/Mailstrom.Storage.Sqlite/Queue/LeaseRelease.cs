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
            UPDATE recipients SET lease_token = NULL, lease_expires_at = NULL
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
}
