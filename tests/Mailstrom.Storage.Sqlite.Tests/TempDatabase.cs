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

    public void Delete()
    {
        if (System.IO.Directory.Exists(Directory))
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
    }
}
