using System.Globalization;
using Mailstrom.Storage.Sqlite.Emails;
using Mailstrom.Storage.Sqlite.Queue;
using Mailstrom.Testing.Storage;
using Microsoft.Data.Sqlite;

namespace Mailstrom.Storage.Sqlite.Tests.Queue;

/// <summary>
/// Claims through the store, and on a write connection without the writer thread. The test emails' recipients are on
/// example0.test (ordinals 0, 3, 6), example1.test (1, 4) and example2.test (2, 5).
/// </summary>
public sealed class DueWorkClaimTests : IDisposable
{
    private const int Timeout = 30_000;
    private static DateTimeOffset T0 => StoreTestData.T0;
    private static TimeSpan Lease => TimeSpan.FromMinutes(5);
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Delete();

    [Fact(Timeout = Timeout)]
    public async Task ClaimDue_MoreExcludedDomainsThanArePrepared_StillSkipsEachOfThem()
    {
        // Up to 16 excluded domains use a prepared statement kept per connection; longer lists a one-off command.
        using var store = _database.Open();
        await store.CreateAsync(StoreTestData.Email("email-1", T0, recipients: 4), default);   // example0, 1, 2, 0
        var others = Enumerable.Range(0, 16).Select(i => $"other{i}.test").ToList();

        var claimed = await store.ClaimDueAsync(
            new ClaimRequest("w", T0, Lease, 100) { ExcludedDomains = ["example0.test", "EXAMPLE1.test", .. others] }, default);
        var rest = await store.ClaimDueAsync(
            new ClaimRequest("w", T0, Lease, 100) { ExcludedDomains = ["example0.test", .. others] }, default);

        Assert.Equal(2, Assert.Single(claimed).Ordinal);
        Assert.Equal(1, Assert.Single(rest).Ordinal);
    }

    [Fact]
    public void Claim_WithGroupLimit_PutsEachGroupRightAfterItsFirstChosenRecipient()
    {
        using var connection = _database.OpenWriteConnection();
        Seed(connection, "email-a", recipients: 7);

        var items = TempDatabase.Commit(connection, t =>
            DueWorkClaim.Claim(connection, t, new ClaimRequest("w", T0, Lease, 2) { GroupLimit = 2 }));

        Assert.Equal([0, 3, 1, 4], items.Select(i => i.Ordinal));
    }

    [Fact]
    public void Claim_AsManyExclusionsAsArePrepared_ReusesTheStatementWithEachCallsDomains()
    {
        using var connection = _database.OpenWriteConnection();
        Seed(connection, "email-a", recipients: 3);
        var others = Enumerable.Range(0, DueWorkClaim.MaxPreparedExclusions - 1).Select(i => $"other{i}.test").ToList();

        var first = TempDatabase.Commit(connection, t => DueWorkClaim.Claim(
            connection, t, new ClaimRequest("w", T0, Lease, 10) { ExcludedDomains = ["example0.test", .. others] }));
        var second = TempDatabase.Commit(connection, t => DueWorkClaim.Claim(
            connection, t, new ClaimRequest("w", T0, Lease, 10) { ExcludedDomains = ["example1.test", .. others] }));

        Assert.Equal([1, 2], first.Select(i => i.Ordinal));
        Assert.Equal([0], second.Select(i => i.Ordinal));
    }

    [Fact]
    public void Claim_InATransactionThatRollsBack_LeasesNothingAndStartsNothing()
    {
        using var connection = _database.OpenWriteConnection();
        Seed(connection, "email-a", recipients: 3);
        var request = new ClaimRequest("w", T0, Lease, 10);

        using (var transaction = connection.BeginTransaction(deferred: false))
        {
            Assert.Equal(3, DueWorkClaim.Claim(connection, transaction, request).Count);
            transaction.Rollback();
        }

        Assert.Equal(0L, Scalar(connection, "SELECT count(*) FROM recipients WHERE lease_token IS NOT NULL;"));
        Assert.Equal(0L, Scalar(connection, "SELECT started FROM emails;"));
        Assert.Equal(3, TempDatabase.Commit(connection, t => DueWorkClaim.Claim(connection, t, request)).Count);
        Assert.Equal(1L, Scalar(connection, "SELECT started FROM emails;"));
    }

    private static void Seed(SqliteConnection connection, string id, int recipients) =>
        TempDatabase.Commit(connection, t => EmailCreation.Create(connection, t, StoreTestData.Email(id, T0, recipients), default));

    private static long Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
