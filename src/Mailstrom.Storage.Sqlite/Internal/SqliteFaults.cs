using Microsoft.Data.Sqlite;

namespace Mailstrom.Storage.Sqlite.Internal;

/// <summary>Which SQLite errors mean "the file cannot serve now, try later" rather than a fault in the call.</summary>
internal static class SqliteFaults
{
    // Primary result codes (https://www.sqlite.org/rescode.html): BUSY, LOCKED, NOMEM, READONLY, IOERR, CORRUPT, FULL,
    // CANTOPEN, PROTOCOL, NOTADB. Constraint and misuse errors are not among them: those are bugs, not conditions.
    private static readonly HashSet<int> Unavailable = [5, 6, 7, 8, 10, 11, 13, 14, 15, 26];

    /// <summary>Whether <paramref name="exception"/> says the database cannot serve now.</summary>
    public static bool IsUnavailable(SqliteException exception) => Unavailable.Contains(exception.SqliteErrorCode & 0xFF);

    /// <summary>The store's <see cref="StoreUnavailableException"/> for <paramref name="exception"/>.</summary>
    public static StoreUnavailableException ToUnavailable(SqliteException exception) =>
        new($"The SQLite store cannot serve the call now (SQLite error {exception.SqliteErrorCode}); try again later.", exception);
}
