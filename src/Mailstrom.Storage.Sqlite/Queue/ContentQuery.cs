using Mailstrom.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace Mailstrom.Storage.Sqlite.Queue;

/// <summary>Reads an email's message bytes for delivery.</summary>
internal static class ContentQuery
{
    /// <summary>Reads the content of <paramref name="emailId"/> in the read transaction.</summary>
    /// <param name="connection">A read connection.</param>
    /// <param name="transaction">The read transaction.</param>
    /// <param name="emailId">The email id.</param>
    /// <returns>The content, or <see langword="null"/> when the email is unknown or purged.</returns>
    public static ReadOnlyMemory<byte>? Read(SqliteConnection connection, SqliteTransaction transaction, string emailId)
    {
        using var select = SqliteCommands.Command(connection, transaction, "SELECT content FROM email_contents WHERE email_id = $id;");
        select.Parameters.AddWithValue("$id", emailId);
        using var reader = select.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        return new ReadOnlyMemory<byte>(reader.GetFieldValue<byte[]>(0));
    }
}
