using Microsoft.Data.Sqlite;

namespace Mailstrom.Storage.Sqlite.Internal;

/// <summary>One-off commands and reusable parameters, for SQL that is not kept in <see cref="PreparedStatements"/>.</summary>
internal static class SqliteCommands
{
    /// <summary>A new command for <paramref name="sql"/> in <paramref name="transaction"/>; the caller disposes it.</summary>
    /// <param name="connection">The open connection.</param>
    /// <param name="transaction">The transaction to run in.</param>
    /// <param name="sql">The SQL text; may be set later.</param>
    /// <returns>The command.</returns>
    public static SqliteCommand Command(SqliteConnection connection, SqliteTransaction transaction, string sql)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command;
    }

    /// <summary>Adds a parameter named <paramref name="name"/> whose value the caller sets before each execution.</summary>
    /// <param name="command">The command.</param>
    /// <param name="name">The parameter name, with its <c>$</c>.</param>
    /// <returns>The parameter.</returns>
    public static SqliteParameter Parameter(SqliteCommand command, string name)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = name;
        command.Parameters.Add(parameter);
        return parameter;
    }
}
