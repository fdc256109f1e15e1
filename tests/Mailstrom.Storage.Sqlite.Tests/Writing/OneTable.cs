using Microsoft.Data.Sqlite;

namespace Mailstrom.Storage.Sqlite.Tests.Writing;

/// <summary>The one table, <c>t (v INTEGER PRIMARY KEY)</c>, that the writer's tests write to instead of the store's schema.</summary>
internal static class OneTable
{
    public const string CreateSql = "CREATE TABLE IF NOT EXISTS t (v INTEGER PRIMARY KEY);";

    public static int Insert(SqliteConnection connection, SqliteTransaction? transaction, int value) =>
        Execute(connection, transaction, $"INSERT INTO t (v) VALUES ({value});");

    public static int Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return command.ExecuteNonQuery();
    }

    public static List<int> Rows(SqliteConnection connection, SqliteTransaction? transaction)
    {
        using var select = connection.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = "SELECT v FROM t ORDER BY v;";
        using var reader = select.ExecuteReader();
        var rows = new List<int>();
        while (reader.Read())
        {
            rows.Add(reader.GetInt32(0));
        }

        return rows;
    }
}
