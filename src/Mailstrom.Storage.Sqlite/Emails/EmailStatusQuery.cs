using Mailstrom.Model;
using Mailstrom.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace Mailstrom.Storage.Sqlite.Emails;

/// <summary>Reads one email's status with all its recipients, in one read transaction.</summary>
internal static class EmailStatusQuery
{
    /// <summary>Reads the status of <paramref name="id"/>.</summary>
    /// <param name="connection">A read connection.</param>
    /// <param name="transaction">The read transaction.</param>
    /// <param name="id">The email id.</param>
    /// <returns>The status, or <see langword="null"/> when unknown.</returns>
    public static EmailStatus? Read(SqliteConnection connection, SqliteTransaction transaction, string id)
    {
        var recipients = new List<RecipientStatus>();
        using (var select = SqliteCommands.Command(connection, transaction,
            $"SELECT {RowReaders.RecipientColumns} FROM recipients r WHERE r.email_id = $id ORDER BY r.ordinal;"))
        {
            select.Parameters.AddWithValue("$id", id);
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                recipients.Add(RowReaders.ReadRecipient(reader));
            }
        }

        using (var select = SqliteCommands.Command(connection, transaction, $"SELECT {RowReaders.EmailColumns} FROM emails e WHERE e.id = $id;"))
        {
            select.Parameters.AddWithValue("$id", id);
            using var reader = select.ExecuteReader();
            return reader.Read() ? RowReaders.ReadEmail(reader, recipients) : null;
        }
    }
}
