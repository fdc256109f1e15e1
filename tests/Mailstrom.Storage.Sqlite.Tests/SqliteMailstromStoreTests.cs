using System.Globalization;
using Mailstrom.Model;
using Mailstrom.Storage.Sqlite.Schema;
using Mailstrom.Testing.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Mailstrom.Storage.Sqlite.Tests;

public sealed class SqliteMailstromStoreTests : IDisposable
{
    private const int Timeout = 30_000;
    private static DateTimeOffset T0 => StoreTestData.T0;
    private static TimeSpan Lease => TimeSpan.FromMinutes(5);
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Delete();

    [Fact(Timeout = Timeout)]
    public async Task Create_WhileAnotherConnectionHoldsTheWriteLock_IsStoreUnavailable_AndTheStoreServesAgainOnceItIsReleased()
    {
        using var store = new SqliteMailstromStore(new SqliteStorageOptions { Path = _database.Path, BusyTimeout = TimeSpan.FromMilliseconds(100) });
        await store.CreateAsync(StoreTestData.Email("email-1", T0), default);

        StoreUnavailableException error;
        using (var other = new SqliteConnection($"Data Source={_database.Path};Pooling=False"))
        {
            other.Open();
            using var locked = other.BeginTransaction(deferred: false);
            error = await Assert.ThrowsAsync<StoreUnavailableException>(() => store.CreateAsync(StoreTestData.Email("email-2", T0), default));
        }

        await store.CreateAsync(StoreTestData.Email("email-2", T0), default);
        Assert.Equal(5, Assert.IsType<SqliteException>(error.InnerException).SqliteErrorCode & 0xFF);
        Assert.Equal(["email-1", "email-2"], (await store.ListAsync(new EmailQuery(), default)).Items.Select(e => e.Id).Order());
    }

    [Fact(Timeout = Timeout)]
    public async Task Reopen_SameFile_ReadsEveryEmailLeaseAndScheduleBack()
    {
        EmailPage before;
        DeliveryWorkItem leased;
        using (var store = _database.Open())
        {
            await store.CreateAsync(StoreTestData.Email("email-1", T0, recipients: 3), default);
            await store.CreateAsync(StoreTestData.Email("email-2", T0.AddSeconds(1), recipients: 1), default);
            await store.CreateAsync(StoreTestData.Email("email-3", T0.AddSeconds(2), recipients: 1), default);
            var items = await store.ClaimDueAsync(new ClaimRequest("w", T0.AddSeconds(2), Lease, 100), default);
            var ofFirst = items.Where(i => i.EmailId == "email-1").OrderBy(i => i.Ordinal).ToList();
            await store.RecordAsync(
                [StoreTestData.Delivered(ofFirst[0], T0.AddSeconds(3)), StoreTestData.Deferred(ofFirst[1], T0.AddSeconds(3), T0.AddMinutes(10))],
                default);
            leased = ofFirst[2];
            await store.ReleaseAsync(items.Where(i => i.EmailId != "email-1").ToList(), default);
            await store.TerminateAsync("email-3", "recalled", T0.AddSeconds(4), default);
            before = await store.ListAsync(new EmailQuery(), default);
        }

        using var reopened = _database.Open();
        var after = await reopened.ListAsync(new EmailQuery(), default);

        Assert.Equal(3, after.Items.Count);
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(before.Items[i] with { Recipients = [] }, after.Items[i] with { Recipients = [] });
            Assert.Equal(before.Items[i].Recipients, after.Items[i].Recipients);
        }

        Assert.Equal(StoreTestData.Email("email-2", T0).Email.Content.ToArray(), (await reopened.GetContentAsync("email-2", default))!.Value.ToArray());
        Assert.Equal(T0.AddSeconds(1), await reopened.GetNextDueTimeAsync(default));
        var reclaimed = await reopened.ClaimDueAsync(new ClaimRequest("w", leased.LeaseExpiresAt, Lease, 100), default);
        Assert.Equal([("email-1", 2), ("email-2", 0)], reclaimed.Select(i => (i.EmailId, i.Ordinal)).Order());
    }

    [Fact(Timeout = Timeout)]
    public async Task FirstUse_AVersion1File_GainsTheLeaseOwnerColumn_KeepingItsEmails()
    {
        using (var store = _database.Open())
        {
            await store.CreateAsync(StoreTestData.Email("email-1", T0), default);
        }

        using (var raw = OpenRaw())
        {
            Scalar(raw, "ALTER TABLE recipients DROP COLUMN lease_owner;");
            Scalar(raw, "ALTER TABLE recipients DROP COLUMN mta_sts;");
            Scalar(raw, "DROP TABLE webhook_outbox;");
            Scalar(raw, "DROP TABLE suppressions;");
            Scalar(raw, "PRAGMA user_version = 1;");
        }

        using (var upgraded = _database.Open())
        {
            var claimed = await upgraded.ClaimDueAsync(new ClaimRequest("w", T0, Lease, 100), default);
            Assert.Equal(2, claimed.Count);
        }

        using var connection = OpenRaw();
        Assert.Equal("5", Scalar(connection, "PRAGMA user_version;"));
        Assert.Equal("2", Scalar(connection, "SELECT count(*) FROM recipients WHERE lease_owner = 'w';"));
    }

    [Fact(Timeout = Timeout)]
    public async Task FirstUse_AVersion2File_GainsTheWebhookOutbox_KeepingItsEmails()
    {
        using (var store = _database.Open())
        {
            await store.CreateAsync(StoreTestData.Email("email-1", T0), default);
        }

        using (var raw = OpenRaw())
        {
            Scalar(raw, "ALTER TABLE recipients DROP COLUMN mta_sts;");
            Scalar(raw, "DROP TABLE webhook_outbox;");
            Scalar(raw, "DROP TABLE suppressions;");
            Scalar(raw, "PRAGMA user_version = 2;");
        }

        using (var upgraded = _database.Open())
        {
            Assert.Equal(2, (await upgraded.ClaimDueAsync(new ClaimRequest("w", T0, Lease, 100), default)).Count);
            Assert.Equal(0, await upgraded.CountDeadAsync(default));
        }

        using var connection = OpenRaw();
        Assert.Equal("5", Scalar(connection, "PRAGMA user_version;"));
        Assert.Equal("0", Scalar(connection, "SELECT count(*) FROM webhook_outbox;"));
    }

    [Fact(Timeout = Timeout)]
    public async Task FirstUse_AVersion3File_GainsTheMtaStsColumnAndTheSuppressionList_KeepingItsEmails()
    {
        using (var store = _database.Open())
        {
            await store.CreateAsync(StoreTestData.Email("email-1", T0), default);
        }

        using (var raw = OpenRaw())
        {
            Scalar(raw, "ALTER TABLE recipients DROP COLUMN mta_sts;");
            Scalar(raw, "DROP TABLE suppressions;");
            Scalar(raw, "PRAGMA user_version = 3;");
        }

        using (var upgraded = _database.Open())
        {
            Assert.Equal(2, (await upgraded.ClaimDueAsync(new ClaimRequest("w", T0, Lease, 100), default)).Count);
            await upgraded.AddAsync([new Mailstrom.Suppression.SuppressionEntry("a@example.com", 550, "5.1.1", "No such user", T0, "email-1")], default);
            Assert.Single((await upgraded.FindAsync(["a@example.com"], default)).Keys);
        }

        using var connection = OpenRaw();
        Assert.Equal("5", Scalar(connection, "PRAGMA user_version;"));
        Assert.Equal("2", Scalar(connection, "SELECT count(*) FROM recipients WHERE mta_sts IS NULL;"));
        Assert.Equal("1", Scalar(connection, "SELECT count(*) FROM suppressions;"));
    }

    [Fact(Timeout = Timeout)]
    public async Task FirstUse_AVersion4File_GainsTheSuppressionList_KeepingItsEmails()
    {
        using (var store = _database.Open())
        {
            await store.CreateAsync(StoreTestData.Email("email-1", T0), default);
        }

        using (var raw = OpenRaw())
        {
            Scalar(raw, "DROP TABLE suppressions;");
            Scalar(raw, "PRAGMA user_version = 4;");
        }

        using (var upgraded = _database.Open())
        {
            Assert.Equal(2, (await upgraded.ClaimDueAsync(new ClaimRequest("w", T0, Lease, 100), default)).Count);
            await upgraded.AddAsync([new Mailstrom.Suppression.SuppressionEntry("a@example.com", 550, "5.1.1", "No such user", T0, "email-1")], default);
        }

        using var connection = OpenRaw();
        Assert.Equal("5", Scalar(connection, "PRAGMA user_version;"));
        Assert.Equal("1", Scalar(connection, "SELECT count(*) FROM suppressions;"));
    }

    [Fact(Timeout = Timeout)]
    public async Task FirstUse_EmptyFile_CreatesTheCurrentSchemaVersionInWalMode()
    {
        Directory.CreateDirectory(_database.Directory);
        await File.WriteAllBytesAsync(_database.Path, []);

        using (var store = _database.Open())
        {
            Assert.Null(await store.GetNextDueTimeAsync(default));
        }

        using var connection = OpenRaw();
        Assert.Equal("wal", Scalar(connection, "PRAGMA journal_mode;"));
        Assert.Equal("5", Scalar(connection, "PRAGMA user_version;"));
        Assert.Equal(
            "email_contents,emails,idempotency_keys,recipients,suppressions,webhook_outbox",
            Scalar(connection, "SELECT group_concat(name, ',') FROM (SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name);"));
    }

    [Fact(Timeout = Timeout)]
    public async Task FirstUse_ExistingDatabase_OpensWithoutRecreatingIt()
    {
        using (var first = _database.Open())
        {
            await first.CreateAsync(StoreTestData.Email("email-1", T0), default);
        }

        using var second = _database.Open();
        await second.CreateAsync(StoreTestData.Email("email-2", T0), default);

        Assert.Equal(2, (await second.ListAsync(new EmailQuery(), default)).Items.Count);
    }

    [Fact(Timeout = Timeout)]
    public async Task FirstUse_DatabaseFromANewerSchema_ThrowsInvalidOperationException()
    {
        Directory.CreateDirectory(_database.Directory);
        using (var connection = OpenRaw())
        {
            Scalar(connection, $"PRAGMA user_version = {SqliteSchema.CurrentVersion + 1};");
        }

        using var store = _database.Open();

        var ex = await Assert.ThrowsAsync<InvalidOperationException>(() => store.GetStatusAsync("email-1", default));
        Assert.Contains($"schema version {SqliteSchema.CurrentVersion + 1}", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_MissingDirectory_CreatesIt()
    {
        var nested = Path.Combine(_database.Directory, "a", "b", "mail.db");

        using var store = new SqliteMailstromStore(new SqliteStorageOptions { Path = nested });

        Assert.True(Directory.Exists(Path.GetDirectoryName(nested)));
        Assert.Equal(nested, store.FilePath);
    }

    [Fact]
    public void Constructor_EmptyPath_ThrowsOptionsValidationException()
    {
        var ex = Assert.Throws<OptionsValidationException>(() => new SqliteMailstromStore(new SqliteStorageOptions()));

        Assert.Contains("Path is required", ex.Message, StringComparison.Ordinal);
    }

    [Fact(Timeout = Timeout)]
    public async Task CreateAsync_TwoStoresOnOneFileWithOneKey_StoreExactlyOneEmail()
    {
        using var first = _database.Open();
        using var second = _database.Open();
        await first.GetNextDueTimeAsync(default);
        var key = new IdempotencyKey("key-1", "hash", T0.AddHours(24));

        var results = await Task.WhenAll(Enumerable.Range(0, 10).Select(i => Task.Run(() =>
            (i % 2 == 0 ? first : second).CreateAsync(StoreTestData.Email($"email-{i}", T0, idempotency: key), default))));

        var created = Assert.Single(results, r => r.Outcome == CreateEmailOutcome.Created);
        Assert.All(results, r => Assert.Equal(created.Id, r.Id));
        Assert.Single((await second.ListAsync(new EmailQuery(), default)).Items);
    }

    [Fact(Timeout = Timeout)]
    public async Task ClaimDueAsync_TwoStoresOnOneFile_NeverClaimTheSameRecipientTwice()
    {
        using var first = _database.Open();
        using var second = _database.Open();
        await first.CreateAsync(StoreTestData.Email("email-1", T0, recipients: 40), default);

        var batches = await Task.WhenAll(Enumerable.Range(0, 8).Select(i => Task.Run(() =>
            (i % 2 == 0 ? first : second).ClaimDueAsync(new ClaimRequest($"w{i}", T0, Lease, 7), default))));

        var claimed = batches.SelectMany(b => b).Select(i => i.Ordinal).ToList();
        Assert.Equal(40, claimed.Count);
        Assert.Equal(Enumerable.Range(0, 40), claimed.Order());
    }

    [Fact(Timeout = Timeout)]
    public async Task CreateAsync_DuplicateId_ThrowsAndKeepsTheFirstEmail()
    {
        using var store = _database.Open();
        await store.CreateAsync(StoreTestData.Email("email-1", T0, recipients: 1), default);

        await Assert.ThrowsAsync<SqliteException>(() => store.CreateAsync(StoreTestData.Email("email-1", T0.AddSeconds(1), recipients: 3), default));

        var status = await store.GetStatusAsync("email-1", default);
        Assert.Equal((1, T0), (status!.Recipients.Count, status.CreatedTime));
    }

    [Fact(Timeout = Timeout)]
    public async Task ClaimDueAsync_InvalidRequest_ThrowsArgumentOutOfRange()
    {
        using var store = _database.Open();

        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.ClaimDueAsync(new ClaimRequest("w", T0, Lease, 0), default));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => store.ClaimDueAsync(new ClaimRequest("w", T0, TimeSpan.Zero, 1), default));
    }

    [Fact(Timeout = Timeout)]
    public async Task AnyOperation_AfterDispose_ThrowsObjectDisposedException()
    {
        var store = _database.Open();
        await store.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.GetStatusAsync("email-1", default));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.CreateAsync(StoreTestData.Email("email-1", T0), default));
    }

    private SqliteConnection OpenRaw()
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = _database.Path, Pooling = false }.ToString());
        connection.Open();
        return connection;
    }

    private static string? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
