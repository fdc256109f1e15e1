using Mailstrom.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace Mailstrom.Storage.Sqlite.Tests.Internal;

public sealed class PreparedStatementsTests
{
    [Fact]
    public void Get_SameSqlOnOneConnection_ReturnsTheSameCommandWithItsParametersCleared()
    {
        using var connection = OpenWithTable();
        using var transaction = connection.BeginTransaction();

        var first = PreparedStatements.Get(connection, transaction, "INSERT INTO t (v) VALUES ($v);");
        first.Parameters.AddWithValue("$v", 1);
        first.ExecuteNonQuery();
        var second = PreparedStatements.Get(connection, transaction, "INSERT INTO t (v) VALUES ($v);");

        Assert.Same(first, second);
        Assert.Empty(second.Parameters);
        second.Parameters.AddWithValue("$v", 2);
        second.ExecuteNonQuery();
        Assert.Equal(3L, Scalar(connection, transaction, "SELECT sum(v) FROM t;"));
    }

    [Fact]
    public void Get_OtherConnectionOrSql_ReturnsAnotherCommand()
    {
        using var a = OpenWithTable();
        using var b = OpenWithTable();

        var onA = PreparedStatements.Get(a, null, "SELECT count(*) FROM t;");

        Assert.NotSame(onA, PreparedStatements.Get(b, null, "SELECT count(*) FROM t;"));
        Assert.NotSame(onA, PreparedStatements.Get(a, null, "SELECT sum(v) FROM t;"));
    }

    [Fact]
    public void Get_FollowsTheTransactionOfEachUse()
    {
        using var connection = OpenWithTable();
        const string Insert = "INSERT INTO t (v) VALUES (7);";
        using (var rolledBack = connection.BeginTransaction())
        {
            PreparedStatements.Get(connection, rolledBack, Insert).ExecuteNonQuery();
            rolledBack.Rollback();
        }

        using var committed = connection.BeginTransaction();
        PreparedStatements.Get(connection, committed, Insert).ExecuteNonQuery();
        committed.Commit();

        Assert.Equal(1L, Scalar(connection, null, "SELECT count(*) FROM t;"));
    }

    [Fact]
    public void Get_AfterTheConnectionIsClosedAndOpenedAgain_StillRuns()
    {
        using var connection = OpenWithTable();
        PreparedStatements.Get(connection, null, "INSERT INTO t (v) VALUES (1);").ExecuteNonQuery();

        connection.Close();
        connection.Open();
        PreparedStatements.Get(connection, null, "INSERT INTO t (v) VALUES (1);").ExecuteNonQuery();

        Assert.Equal(2L, Scalar(connection, null, "SELECT count(*) FROM t;"));
    }

    private static SqliteConnection OpenWithTable()
    {
        // A named in-memory database kept by the open connection, so closing and opening again keeps the table.
        var connection = new SqliteConnection($"Data Source=file:prepared-{Guid.NewGuid():N}?mode=memory&cache=shared");
        connection.Open();
        using var create = connection.CreateCommand();
        create.CommandText = "CREATE TABLE t (v INTEGER);";
        create.ExecuteNonQuery();
        return connection;
    }

    private static long Scalar(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }
}
