using Mailstrom.Storage;

namespace Mailstrom.Testing.Storage;

/// <summary>
/// <see cref="ClaimRequest.GroupLimit"/>: a store that completes groups claims an email's other claimable recipients on
/// a chosen recipient's domain with it; one that does not claims at most <see cref="ClaimRequest.MaxItems"/> (which
/// ones may depend on its queue's order). The test emails' recipients are on example0.test (ordinals 0, 3, 6),
/// example1.test (1, 4) and example2.test (2, 5).
/// </summary>
public abstract partial class StoreConformanceTests
{
    private static readonly string[] _domains = ["example0.test", "example1.test", "example2.test"];

    /// <summary>Whether the backend honours <see cref="ClaimRequest.GroupLimit"/> (the contract lets a store ignore it).</summary>
    protected virtual bool CompletesGroups => false;

    private Task<IReadOnlyList<DeliveryWorkItem>> ClaimGroupsAsync(int maxItems, int groupLimit, params string[] excluded) =>
        Queue.ClaimDueAsync(new ClaimRequest("worker-1", T0, Lease, maxItems) { GroupLimit = groupLimit, ExcludedDomains = excluded }, None);

    [Fact(Timeout = Timeout)]
    public async Task ClaimDueAsync_WithGroupLimit_ClaimsTheChosenRecipientsEmailAndDomainGroupOnly()
    {
        await CreateAsync("email-a", T0, recipients: 7);
        await CreateAsync("email-b", T0, recipients: 7);

        var items = await ClaimGroupsAsync(maxItems: 1, groupLimit: 50);

        if (CompletesGroups)
        {
            Assert.Equal([0, 3, 6], items.Select(i => i.Ordinal).Order());
            Assert.All(items, i => Assert.Equal(("email-a", "example0.test"), (i.EmailId, i.Domain)));
        }
        else
        {
            Assert.Single(items);
        }

        Assert.Equal(items.Count, items.Select(i => i.LeaseToken).Distinct().Count());
        var rest = await ClaimAsync(T0);
        Assert.Equal(14 - items.Count, rest.Count);
        Assert.DoesNotContain(rest, r => items.Any(i => (i.EmailId, i.Ordinal) == (r.EmailId, r.Ordinal)));
    }

    [Fact(Timeout = Timeout)]
    public async Task ClaimDueAsync_WithGroupLimit_TakesAtMostTheLimitPerGroup()
    {
        await CreateAsync("email-a", T0, recipients: 7);

        var items = await ClaimGroupsAsync(maxItems: 2, groupLimit: 2);

        if (CompletesGroups)
        {
            // Chosen in due order: ordinals 0 (example0) and 1 (example1); each group is completed up to 2.
            Assert.Equal([0, 1, 3, 4], items.Select(i => i.Ordinal).Order());
        }
        else
        {
            Assert.Equal(2, items.Count);
        }

        Assert.Equal(7 - items.Count, (await ClaimAsync(T0)).Count);
    }

    [Fact(Timeout = Timeout)]
    public async Task ClaimDueAsync_WithGroupLimit_LeavesLeasedAndExcludedRecipientsAlone()
    {
        await CreateAsync("email-a", T0, recipients: 7);
        var first = Assert.Single(await ClaimGroupsAsync(maxItems: 1, groupLimit: 1));
        var others = _domains.Where(d => d != first.Domain).ToArray();

        var items = await ClaimGroupsAsync(maxItems: 1, groupLimit: 50, others);

        var sameDomain = Enumerable.Range(0, 7).Where(o => StoreTestData.Recipient(o).Domain == first.Domain && o != first.Ordinal);
        if (CompletesGroups)
        {
            Assert.Equal(sameDomain, items.Select(i => i.Ordinal).Order());
        }
        else
        {
            Assert.True(items.Count <= 1);
            Assert.All(items, i => Assert.Contains(i.Ordinal, sameDomain));
        }

        Assert.Empty(await ClaimGroupsAsync(maxItems: 10, groupLimit: 50, _domains));
        Assert.Equal(6 - items.Count, (await ClaimAsync(T0)).Count);
    }
}
