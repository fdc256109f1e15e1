using Mailstrom.Model;
using Mailstrom.Suppression;

namespace Mailstrom.Testing.Suppression;

/// <summary>
/// The behaviour every <see cref="ISuppressionList"/> must show, run against a fresh, empty list per test. A backend's test
/// project derives from this class and supplies the list.
/// </summary>
public abstract class SuppressionListConformanceTests : IAsyncLifetime
{
    /// <summary>Every test waits on I/O, so every test has this timeout (milliseconds).</summary>
    protected const int Timeout = 30_000;

    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    protected ISuppressionList List { get; private set; } = null!;

    /// <summary>Creates an empty list for one test.</summary>
    protected abstract Task<ISuppressionList> CreateListAsync();

    /// <summary>Disposes what <see cref="CreateListAsync"/> created and removes its data.</summary>
    protected virtual Task DisposeListAsync() => Task.CompletedTask;

    public async Task InitializeAsync() => List = await CreateListAsync();

    public Task DisposeAsync() => DisposeListAsync();

    protected static SuppressionEntry Entry(string address, string emailId = "email-1", int? code = 550, string enhanced = "5.1.1") =>
        new(address, code, enhanced, "No such user", T0, emailId);

    [Fact(Timeout = Timeout)]
    public async Task Find_OnEmptyList_FindsNothing()
    {
        var found = await List.FindAsync(["a@example.com", "b@example.com"], CancellationToken.None);

        Assert.Empty(found);
    }

    [Fact(Timeout = Timeout)]
    public async Task Add_ThenFind_ReturnsTheEntryWithEveryField()
    {
        var entry = Entry("someone@reject.example", code: 550);
        var local = new SuppressionEntry("gone@missing.example", null, "5.1.2", "5.1.2 Recipient domain missing.example does not exist (DNS NXDOMAIN)", T0.AddMinutes(1), "email-2");
        await List.AddAsync([entry, local], CancellationToken.None);

        var found = await List.FindAsync(["someone@reject.example", "gone@missing.example", "other@reject.example"], CancellationToken.None);

        Assert.Equal(2, found.Count);
        Assert.Equal(entry, found["someone@reject.example"]);
        Assert.Equal(local, found["gone@missing.example"]);
    }

    [Fact(Timeout = Timeout)]
    public async Task Find_KeysAreExact_LocalPartCaseMatters()
    {
        await List.AddAsync([Entry("Bob@example.com")], CancellationToken.None);

        var found = await List.FindAsync(["bob@example.com", "Bob@example.com"], CancellationToken.None);

        Assert.Equal(["Bob@example.com"], found.Keys);
    }

    [Fact(Timeout = Timeout)]
    public async Task Add_SameAddressAgain_KeepsTheNewerEntry()
    {
        await List.AddAsync([Entry("x@example.com", "email-1")], CancellationToken.None);
        await List.AddAsync([Entry("x@example.com", "email-2", enhanced: "5.1.10", code: 556)], CancellationToken.None);

        var found = await List.FindAsync(["x@example.com"], CancellationToken.None);

        Assert.Equal("email-2", found["x@example.com"].EmailId);
        Assert.Equal("5.1.10", found["x@example.com"].EnhancedStatusCode);
        Assert.Single((await List.ListAsync(new SuppressionQuery(), CancellationToken.None)).Items);
    }

    [Fact(Timeout = Timeout)]
    public async Task Remove_ListedAddress_ReturnsTrueAndForgetsIt()
    {
        await List.AddAsync([Entry("x@example.com"), Entry("y@example.com")], CancellationToken.None);

        Assert.True(await List.RemoveAsync("x@example.com", CancellationToken.None));
        Assert.False(await List.RemoveAsync("x@example.com", CancellationToken.None));

        var found = await List.FindAsync(["x@example.com", "y@example.com"], CancellationToken.None);
        Assert.Equal(["y@example.com"], found.Keys);
    }

    [Fact(Timeout = Timeout)]
    public async Task Remove_UnlistedAddress_ReturnsFalse()
    {
        Assert.False(await List.RemoveAsync("nobody@example.com", CancellationToken.None));
    }

    [Fact(Timeout = Timeout)]
    public async Task List_PagesThroughEveryEntryOnce()
    {
        var addresses = Enumerable.Range(0, 7).Select(i => $"user{i}@example.com").ToList();
        await List.AddAsync([.. addresses.Select(a => Entry(a))], CancellationToken.None);

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await List.ListAsync(new SuppressionQuery { Limit = 3, ContinuationToken = token }, CancellationToken.None);
            Assert.InRange(page.Items.Count, 0, 3);
            seen.AddRange(page.Items.Select(e => e.Address));
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null && pages < 10);

        Assert.Null(token);
        Assert.Equal(addresses.Order(StringComparer.Ordinal), seen.Order(StringComparer.Ordinal));
        Assert.True(pages >= 3, $"7 entries with a limit of 3 came in {pages} page(s)");
    }

    [Fact(Timeout = Timeout)]
    public async Task List_Empty_ReturnsNoItemsAndNoToken()
    {
        var page = await List.ListAsync(new SuppressionQuery(), CancellationToken.None);

        Assert.Empty(page.Items);
        Assert.Null(page.ContinuationToken);
    }

    [Fact(Timeout = Timeout)]
    public async Task List_WithForeignToken_Throws()
    {
        await Assert.ThrowsAsync<InvalidContinuationTokenException>(() =>
            List.ListAsync(new SuppressionQuery { ContinuationToken = "zz.bm90LW91cnM" }, CancellationToken.None));
    }
}
