namespace Mailstrom.Functions.Tests.Infrastructure;

/// <summary>Temporary SQLite file paths, each in a directory of its own that does not exist yet.</summary>
internal static class TempDatabase
{
    public static string NewPath() =>
        Path.Combine(Path.GetTempPath(), "mailstrom-functions-tests", Guid.NewGuid().ToString("N"), "mailstrom.db");
}
