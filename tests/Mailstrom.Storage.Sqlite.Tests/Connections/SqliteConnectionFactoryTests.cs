using System.Globalization;
using Mailstrom.Storage.Sqlite.Connections;
using Mailstrom.Storage.Sqlite.Schema;
using Microsoft.Data.Sqlite;

namespace Mailstrom.Storage.Sqlite.Tests.Connections;

public sealed class SqliteConnectionFactoryTests : IDisposable
{
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Delete();

    [Fact]
    public void OpenWriter_NewFile_UsesWalFullSynchronousForeignKeysTheBusyTimeoutAndTheCurrentSchema()
    {
        var factory = new SqliteConnectionFactory(new SqliteStorageOptions { Path = _database.Path, BusyTimeout = TimeSpan.FromMilliseconds(2500) });

        using var writer = factory.OpenWriter();

        Assert.Equal("wal", Scalar(writer, "PRAGMA journal_mode;"));
        Assert.Equal("2", Scalar(writer, "PRAGMA synchronous;"));   // FULL
        Assert.Equal("1", Scalar(writer, "PRAGMA foreign_keys;"));
        Assert.Equal("2500", Scalar(writer, "PRAGMA busy_timeout;"));
        Assert.Equal(SqliteSchema.CurrentVersion, SqliteSchema.ReadVersion(writer));
    }

    [Fact]
    public void IsReady_UntilAWriterHasOpened_IsFalse()
    {
        var factory = new SqliteConnectionFactory(new SqliteStorageOptions { Path = _database.Path });
        Assert.False(factory.IsReady);

        using var writer = factory.OpenWriter();

        Assert.True(factory.IsReady);
    }

    [Fact]
    public void OpenReader_BeforeAWriterCreatedTheFile_ThrowsAndCreatesNothing()
    {
        var factory = new SqliteConnectionFactory(new SqliteStorageOptions { Path = _database.Path });

        Assert.Throws<SqliteException>(factory.OpenReader);

        Assert.False(File.Exists(_database.Path));
    }

    [Fact]
    public void OpenReader_AfterTheWriter_ReadsTheSchema()
    {
        var factory = new SqliteConnectionFactory(new SqliteStorageOptions { Path = _database.Path });
        using (factory.OpenWriter())
        {
        }

        using (var reader = factory.OpenReader())
        {
            Assert.Equal("0", Scalar(reader, "SELECT count(*) FROM emails;"));
        }

        factory.ClearReadPool();
    }

    [Fact]
    public void OpenWriter_FileFromANewerSchema_ThrowsAndStaysNotReady()
    {
        var factory = new SqliteConnectionFactory(new SqliteStorageOptions { Path = _database.Path });
        using (var raw = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _database.Path, Pooling = false }.ToString()))
        {
            raw.Open();
            Scalar(raw, $"PRAGMA user_version = {SqliteSchema.CurrentVersion + 1};");
        }

        var ex = Assert.Throws<InvalidOperationException>(factory.OpenWriter);

        Assert.Contains($"schema version {SqliteSchema.CurrentVersion + 1}", ex.Message, StringComparison.Ordinal);
        Assert.False(factory.IsReady);
    }

    [Fact]
    public void Constructor_RelativePath_ResolvesItAgainstTheCurrentDirectory()
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, _database.Path);

        var factory = new SqliteConnectionFactory(new SqliteStorageOptions { Path = relative });

        Assert.Equal(_database.Path, factory.FilePath);
        Assert.True(Directory.Exists(_database.Directory));
    }

    private static string? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
