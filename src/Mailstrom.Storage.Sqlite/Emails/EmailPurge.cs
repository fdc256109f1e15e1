using System.Globalization;
using Mailstrom.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace Mailstrom.Storage.Sqlite.Emails;

/// <summary>Deletes an email with its content and its recipients. Its idempotency key stays for the rest of its window, so a retry
/// with that key finds the purged id instead of sending the email again.</summary>
internal static class EmailPurge
{
    /// <summary>Deletes <paramref name="id"/> in the write transaction.</summary>
    /// <param name="connection">The write connection.</param>
    /// <param name="transaction">The open write transaction.</param>
    /// <param name="id">The email id.</param>
    /// <returns>Whether an email was deleted.</returns>
    public static bool Purge(SqliteConnection connection, SqliteTransaction transaction, string id)
    {
        using var delete = SqliteCommands.Command(connection, transaction, """
            DELETE FROM recipients WHERE email_id = $id;
            DELETE FROM email_contents WHERE email_id = $id;
            DELETE FROM emails WHERE id = $id;
            SELECT changes();
            """);
        delete.Parameters.AddWithValue("$id", id);
        return Convert.ToInt64(delete.ExecuteScalar(), CultureInfo.InvariantCulture) > 0;
    }
}
