using Mailstrom.Testing.Storage;

namespace Mailstrom.Storage.Sqlite.Tests.Queue;

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
}
