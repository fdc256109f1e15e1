using Mailstrom.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace Mailstrom.Storage.Sqlite.Webhooks;

/// <summary>An email's final recipient counts, for the event that tells of its end.</summary>
internal static class RecipientCounts
{
    /// <summary>Counts the email's delivered, failed and cancelled recipients in the transaction.</summary>
    /// <param name="connection">The connection.</param>
    /// <param name="transaction">The open transaction.</param>
    /// <param name="emailId">The email id.</param>
    /// <returns>The counts.</returns>
    public static (int Delivered, int Failed, int Cancelled) Read(SqliteConnection connection, SqliteTransaction transaction, string emailId)
    {
        var select = PreparedStatements.Get(connection, transaction, "SELECT status, COUNT(*) FROM recipients WHERE email_id = $id GROUP BY status;");
        select.Parameters.AddWithValue("$id", emailId);
        using var reader = select.ExecuteReader();
        int delivered = 0, failed = 0, cancelled = 0;
        while (reader.Read())
        {
            switch (reader.GetString(0))
            {
                case "Delivered": delivered = reader.GetInt32(1); break;
                case "Failed": failed = reader.GetInt32(1); break;
                case "Cancelled": cancelled = reader.GetInt32(1); break;
                default: break;
            }
        }

        return (delivered, failed, cancelled);
    }
}
