using Mailstrom.Storage.Sqlite.Connections;
using Microsoft.Data.Sqlite;

namespace Mailstrom.Storage.Sqlite.Tests;

/// <summary>A fresh directory for one test's database file; <see cref="Delete"/> removes it with everything in it.</summary>
internal sealed class TempDatabase
{
    public TempDatabase()
    {
        Directory = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "mailstrom-sqlite-tests", Guid.NewGuid().ToString("N"));
        Path = System.IO.Path.Combine(Directory, "mailstrom.db");
    }

    public string Directory { get; }

    public string Path { get; }

    public SqliteMailstromStore Open() => new(new SqliteStorageOptions { Path = Path });

    /// <summary>A write connection as the store opens it (WAL, schema), for testing a collaborator without the writer thread.</summary>
    public SqliteConnection OpenWriteConnection() => new SqliteConnectionFactory(new SqliteStorageOptions { Path = Path }).OpenWriter();

    /// <summary>Runs <paramref name="work"/> in an immediate transaction on <paramref name="connection"/> and commits it.</summary>
    public static T Commit<T>(SqliteConnection connection, Func<SqliteTransaction, T> work)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        var result = work(transaction);
        transaction.Commit();
        return result;
    }

    public void Delete()
    {
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}
