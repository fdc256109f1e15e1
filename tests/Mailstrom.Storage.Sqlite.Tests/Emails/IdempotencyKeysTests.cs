using Mailstrom.Storage.Sqlite.Emails;
using Mailstrom.Storage.Sqlite.Internal;
using Mailstrom.Testing.Storage;
using Microsoft.Data.Sqlite;

namespace Mailstrom.Storage.Sqlite.Tests.Emails;

/// <summary>The keys on a write connection, without the writer thread.</summary>
public sealed class IdempotencyKeysTests : IDisposable
{
    private static DateTimeOffset T0 => StoreTestData.T0;
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Delete();

    [Fact]
    public void FindActive_UnknownKey_ReturnsNull()
    {
        using var connection = _database.OpenWriteConnection();

        Assert.Null(TempDatabase.Commit(connection, t => IdempotencyKeys.FindActive(connection, t, "key-1", T0.UtcTicks)));
    }

    [Fact]
    public void FindActive_UntilTheExpiryInstant_FindsTheEarlierSubmissionAndFromItOnNothing()
    {
        using var connection = _database.OpenWriteConnection();
        var expires = T0.AddHours(24);
        Create(connection, "email-1", new IdempotencyKey("key-1", "hash-a", expires));

        var before = Find(connection, "key-1", expires.AddTicks(-1));
        var at = Find(connection, "key-1", expires);

        Assert.Equal(("hash-a", "email-1"), before);
        Assert.Null(at);
    }

    [Fact]
    public void Remember_AKeyAlreadyStored_ReplacesItsFingerprintEmailAndExpiry()
    {
        using var connection = _database.OpenWriteConnection();
        Create(connection, "email-1", new IdempotencyKey("key-1", "hash-a", T0.AddHours(24)));
        Create(connection, "email-2", idempotency: null);

        TempDatabase.Commit(connection, t =>
        {
            IdempotencyKeys.Remember(connection, t, new IdempotencyKey("key-1", "hash-b", T0.AddHours(48)), "email-2");
            return true;
        });

        Assert.Equal(("hash-b", "email-2"), Find(connection, "key-1", T0.AddHours(47)));
        Assert.Null(Find(connection, "key-1", T0.AddHours(48)));
    }

    private static void Create(SqliteConnection connection, string id, IdempotencyKey? idempotency) =>
        TempDatabase.Commit(connection, t => EmailCreation.Create(connection, t, StoreTestData.Email(id, T0, idempotency: idempotency), default));

    private static (string RequestHash, string EmailId)? Find(SqliteConnection connection, string key, DateTimeOffset now) =>
        TempDatabase.Commit(connection, t => IdempotencyKeys.FindActive(connection, t, key, SqliteValues.ToTicks(now)));
}
