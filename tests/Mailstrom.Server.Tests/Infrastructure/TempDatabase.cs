namespace Mailstrom.Server.Tests.Infrastructure;

/// <summary>Temporary SQLite file paths, each in a directory of its own that does not exist yet.</summary>
internal static class TempDatabase
{
    public static string NewPath() =>
        Path.Combine(Path.GetTempPath(), "mailstrom-functions-tests", Guid.NewGuid().ToString("N"), "mailstrom.db");

    /// <summary>Deletes the database's directory; a leftover temporary file is not worth failing a test over.</summary>
    public static void Delete(string databasePath)
    {
        try
        {
            Directory.Delete(Path.GetDirectoryName(databasePath)!, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
