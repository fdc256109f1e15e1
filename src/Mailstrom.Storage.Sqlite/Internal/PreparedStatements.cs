using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;

namespace Mailstrom.Storage.Sqlite.Internal;

/// <summary>
/// Prepared commands kept per connection, one per SQL text, for the statements a group commit runs over and over
/// (insert, claim, lease, record, savepoints): SQLite parses and plans each once per connection instead of once per
/// use. Only constant SQL belongs here, so the set stays as small as the code that names it. A command from here is
/// never disposed by its caller; its parameters are cleared on every hand-out, and closing the connection finalises
/// its statements. Not thread-safe, like the connection itself: one thread uses a connection at a time.
/// </summary>
internal static class PreparedStatements
{
    private static readonly ConditionalWeakTable<SqliteConnection, Dictionary<string, SqliteCommand>> Commands = new();

    /// <summary>The prepared command for <paramref name="sql"/> on <paramref name="connection"/>, in <paramref name="transaction"/>, with no parameters.</summary>
    public static SqliteCommand Get(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        var commands = Commands.GetValue(connection, static _ => new Dictionary<string, SqliteCommand>(StringComparer.Ordinal));
        if (!commands.TryGetValue(sql, out var command))
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
            command.Transaction = transaction;
            command.Prepare();
            commands.Add(sql, command);
        }

        command.Transaction = transaction;
        command.Parameters.Clear();
        return command;
    }

    /// <summary>Runs a prepared statement without parameters (savepoints).</summary>
    public static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql) =>
        Get(connection, transaction, sql).ExecuteNonQuery();
}
