using Mailstrom.Suppression;
using Mailstrom.Testing.Storage;

namespace Mailstrom.Storage.Sqlite.Tests.Suppression;

/// <summary>The SQLite store records a result's suppression entry in the commit that records the result, and only with it.</summary>
public sealed class SuppressionRecordingTests : IDisposable
{
    private const int Timeout = 30_000;
    private static readonly DateTimeOffset T0 = StoreTestData.T0;
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Delete();

    private static SuppressionEntry EntryFor(string address) => new(address, 550, "5.1.1", "No such user", T0.AddSeconds(1), "email-1");

    [Fact(Timeout = Timeout)]
    public async Task Record_AppliedFailureWithSuppression_AddsTheEntry()
    {
        await using var store = _database.Open();
        await store.CreateAsync(StoreTestData.Email("email-1", T0), default);
        var item = (await store.ClaimDueAsync(new ClaimRequest("w", T0, TimeSpan.FromMinutes(5), 1), default))[0];
        var entry = EntryFor(SuppressionAddress.Normalize(item.Address));

        var applied = await store.RecordAsync([StoreTestData.Failed(item, T0.AddSeconds(1)) with { Suppression = entry }], default);

        Assert.Equal(1, applied);
        Assert.Equal(entry, (await store.FindAsync([entry.Address], default))[entry.Address]);
    }

    [Fact(Timeout = Timeout)]
    public async Task Record_ResultWithALostLease_AddsNoEntry()
    {
        await using var store = _database.Open();
        await store.CreateAsync(StoreTestData.Email("email-1", T0), default);
        var item = (await store.ClaimDueAsync(new ClaimRequest("w", T0, TimeSpan.FromMinutes(5), 1), default))[0];
        var entry = EntryFor(SuppressionAddress.Normalize(item.Address));

        var applied = await store.RecordAsync([StoreTestData.Failed(item with { LeaseToken = "stale" }, T0.AddSeconds(1)) with { Suppression = entry }], default);

        Assert.Equal(0, applied);
        Assert.Empty(await store.FindAsync([entry.Address], default));
    }
}
