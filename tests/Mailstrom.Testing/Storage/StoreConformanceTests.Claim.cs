using Mailstrom.Model;
using Mailstrom.Storage;

namespace Mailstrom.Testing.Storage;

public abstract partial class StoreConformanceTests
{
    [Fact(Timeout = Timeout)]
    public async Task ClaimDueAsync_DueRecipients_ReturnsWorkItemsWithEmailDetailsAndDistinctLeases()
    {
        await CreateAsync("email-1", T0, recipients: 2);
        var now = T0.AddSeconds(1);

        var items = await ClaimAsync(now);

        Assert.Equal(2, items.Count);
        var first = items.Single(i => i.Ordinal == 0);
        var second = items.Single(i => i.Ordinal == 1);
        Assert.Equal(("email-1", "user0@example0.test", "example0.test", false), (first.EmailId, first.Address, first.Domain, first.RequiresSmtpUtf8));
        Assert.Equal(("dörte@example1.test", "example1.test", true), (second.Address, second.Domain, second.RequiresSmtpUtf8));
        Assert.All(items, item =>
        {
            Assert.Equal(StoreTestData.EnvelopeFrom, item.EnvelopeFrom);
            Assert.Equal(0, item.Attempts);
            Assert.Equal(DeliveryStatus.Queued, item.Status);
            Assert.Equal(T0, item.EmailCreatedTime);
            Assert.Equal(now + Lease, item.LeaseExpiresAt);
            Assert.False(string.IsNullOrEmpty(item.LeaseToken));
        });
        Assert.NotEqual(first.LeaseToken, second.LeaseToken);
    }

    [Fact(Timeout = Timeout)]
    public async Task ClaimDueAsync_ExcludedDomains_AreSkippedAndStayClaimable()
    {
        await CreateAsync("email-1", T0, recipients: 2);

        var claimed = await Queue.ClaimDueAsync(
            new ClaimRequest("worker-1", T0, Lease, 100) { ExcludedDomains = ["EXAMPLE0.test"] }, None);
        var rest = await ClaimAsync(T0);

        Assert.Equal("example1.test", Assert.Single(claimed).Domain);
        Assert.Equal("example0.test", Assert.Single(rest).Domain);
    }

    [Fact(Timeout = Timeout)]
    public async Task ClaimDueAsync_BeforeTheDueTime_ClaimsNothing()
    {
        await CreateAsync("email-1", T0);

        Assert.Empty(await ClaimAsync(T0.AddTicks(-1)));
        Assert.Equal(2, (await ClaimAsync(T0)).Count);
    }

    [Fact(Timeout = Timeout)]
    public async Task ClaimDueAsync_MoreDueThanMaxItems_ClaimsOldestDueFirst()
    {
        await CreateAsync("email-c", T0.AddSeconds(2), recipients: 1);
        await CreateAsync("email-a", T0, recipients: 1);
        await CreateAsync("email-b", T0.AddSeconds(1), recipients: 1);

        var first = await ClaimAsync(T0.AddMinutes(1), maxItems: 2);
        var second = await ClaimAsync(T0.AddMinutes(1), maxItems: 2);

        Assert.Equal(["email-a", "email-b"], first.Select(i => i.EmailId));
        Assert.Equal(["email-c"], second.Select(i => i.EmailId));
    }

    [Fact(Timeout = Timeout)]
    public async Task ClaimDueAsync_LeasedRecipient_IsNotClaimedAgainBeforeTheLeaseExpires()
    {
        await CreateAsync("email-1", T0, recipients: 1);
        await ClaimAsync(T0);

        Assert.Empty(await ClaimAsync(T0 + Lease - TimeSpan.FromTicks(1)));
    }

    [Fact(Timeout = Timeout)]
    public async Task ClaimDueAsync_AfterTheLeaseExpires_ReclaimsAndTheStaleTokenIsIgnored()
    {
        await CreateAsync("email-1", T0, recipients: 1);
        var stale = Assert.Single(await ClaimAsync(T0));

        var fresh = Assert.Single(await ClaimAsync(T0 + Lease));
        var staleApplied = await Queue.RecordAsync([StoreTestData.Failed(stale, T0 + Lease + TimeSpan.FromSeconds(1))], None);
        var freshApplied = await Queue.RecordAsync([StoreTestData.Delivered(fresh, T0 + Lease + TimeSpan.FromSeconds(2))], None);

        Assert.NotEqual(stale.LeaseToken, fresh.LeaseToken);
        Assert.Equal(0, staleApplied);
        Assert.Equal(1, freshApplied);
        Assert.Equal(DeliveryStatus.Delivered, (await GetAsync("email-1")).Recipients[0].Status);
    }

    [Fact(Timeout = Timeout)]
    public async Task ClaimDueAsync_TerminatedEmail_ClaimsNothing()
    {
        await CreateAsync("email-1", T0);
        await Store.TerminateAsync("email-1", "changed my mind", T0, None);

        Assert.Empty(await ClaimAsync(T0.AddHours(1)));
    }

    [Fact(Timeout = Timeout)]
    public async Task ClaimDueAsync_FirstClaim_MakesTheEmailRunning()
    {
        await CreateAsync("email-1", T0, recipients: 2);

        await ClaimAsync(T0.AddSeconds(5), maxItems: 1);

        var status = await GetAsync("email-1");
        Assert.Equal(RuntimeStatus.Running, status.RuntimeStatus);
        Assert.Null(status.Output);
    }

    [Fact(Timeout = Timeout)]
    public async Task ReleaseAsync_MatchingToken_MakesTheRecipientClaimableAtOnce()
    {
        await CreateAsync("email-1", T0, recipients: 1);
        var item = Assert.Single(await ClaimAsync(T0));

        await Queue.ReleaseAsync([item], None);
        var again = Assert.Single(await ClaimAsync(T0.AddSeconds(1)));

        Assert.Equal((item.EmailId, item.Ordinal, 0), (again.EmailId, again.Ordinal, again.Attempts));
        Assert.Equal(DeliveryStatus.Queued, (await GetAsync("email-1")).Recipients[0].Status);
    }

    [Fact(Timeout = Timeout)]
    public async Task ReleaseAsync_StaleToken_KeepsTheCurrentLease()
    {
        await CreateAsync("email-1", T0, recipients: 1);
        var stale = Assert.Single(await ClaimAsync(T0));
        Assert.Single(await ClaimAsync(T0 + Lease));

        await Queue.ReleaseAsync([stale], None);

        Assert.Empty(await ClaimAsync(T0 + Lease + TimeSpan.FromSeconds(1)));
    }

    [Fact(Timeout = Timeout)]
    public async Task GetNextDueTimeAsync_NothingStored_ReturnsNull()
    {
        Assert.Null(await Queue.GetNextDueTimeAsync(None));
    }

    [Fact(Timeout = Timeout)]
    public async Task GetNextDueTimeAsync_QueuedRecipients_ReturnsTheEarliestDueTimeInUtc()
    {
        await CreateAsync("email-1", T0.AddMinutes(3));
        await CreateAsync("email-2", T0.AddMinutes(1));

        var next = await Queue.GetNextDueTimeAsync(None);

        Assert.Equal(T0.AddMinutes(1), next);
        AssertUtc(next);
    }

    [Fact(Timeout = Timeout)]
    public async Task GetNextDueTimeAsync_LeasedRecipient_ReturnsTheLeaseExpiry()
    {
        await CreateAsync("email-1", T0, recipients: 1);
        var item = Assert.Single(await ClaimAsync(T0.AddMinutes(1)));

        Assert.Equal(item.LeaseExpiresAt, await Queue.GetNextDueTimeAsync(None));
    }

    [Fact(Timeout = Timeout)]
    public async Task GetNextDueTimeAsync_DeferredThenFinalOrTerminated_FollowsThePendingRecipients()
    {
        await CreateAsync("email-1", T0, recipients: 1);
        await CreateAsync("email-2", T0, recipients: 1);
        var items = await ClaimAsync(T0);
        var one = items.Single(i => i.EmailId == "email-1");
        var two = items.Single(i => i.EmailId == "email-2");

        await Queue.RecordAsync([StoreTestData.Deferred(one, T0.AddSeconds(1), T0.AddMinutes(5)), StoreTestData.Delivered(two, T0.AddSeconds(1))], None);
        var whileDeferred = await Queue.GetNextDueTimeAsync(None);
        await Store.TerminateAsync("email-1", null, T0.AddMinutes(1), None);
        var afterTerminate = await Queue.GetNextDueTimeAsync(None);

        Assert.Equal(T0.AddMinutes(5), whileDeferred);
        Assert.Null(afterTerminate);
    }

    [Fact(Timeout = Timeout)]
    public async Task ClaimDueAsync_ADeferredRecipient_ComesBackWithItsStatusAndAttempts()
    {
        await CreateAsync("email-1", T0, recipients: 1);
        var first = Assert.Single(await ClaimAsync(T0));
        await Queue.RecordAsync([StoreTestData.Deferred(first, T0.AddSeconds(1), T0.AddMinutes(5))], None);

        var again = Assert.Single(await ClaimAsync(T0.AddMinutes(5)));

        Assert.Equal(DeliveryStatus.Deferred, again.Status);
        Assert.Equal(1, again.Attempts);
    }

    [Fact(Timeout = Timeout)]
    public async Task ReleaseLeasesOfGoneOwners_ReleasesOnlyTheirUnexpiredLeases_AndTheRecipientsAreClaimableAtOnce()
    {
        await CreateAsync("email-1", T0, recipients: 1);
        await CreateAsync("email-2", T0, recipients: 1);
        var gone = await Queue.ClaimDueAsync(new ClaimRequest("dead-worker", T0, Lease, 1), None);
        var alive = await Queue.ClaimDueAsync(new ClaimRequest("live-worker", T0, Lease, 1), None);
        var asked = new List<string>();

        var released = await Queue.ReleaseLeasesOfGoneOwnersAsync(owner => { asked.Add(owner); return owner == "dead-worker"; }, T0.AddSeconds(1), None);
        var reclaimed = await ClaimAsync(T0.AddSeconds(1));

        Assert.Equal(1, released);
        Assert.Equal(["dead-worker", "live-worker"], asked.Order());
        Assert.Equal(Assert.Single(gone).EmailId, Assert.Single(reclaimed).EmailId);
        Assert.NotEqual(Assert.Single(alive).EmailId, reclaimed[0].EmailId);
    }

    [Fact(Timeout = Timeout)]
    public async Task ReleaseLeasesOfGoneOwners_AfterAResultWasRecorded_HasNothingToRelease()
    {
        await CreateAsync("email-1", T0, recipients: 1);
        var item = Assert.Single(await Queue.ClaimDueAsync(new ClaimRequest("dead-worker", T0, Lease, 1), None));
        await Queue.RecordAsync([StoreTestData.Delivered(item, T0.AddSeconds(1))], None);

        Assert.Equal(0, await Queue.ReleaseLeasesOfGoneOwnersAsync(_ => true, T0.AddSeconds(2), None));
    }
}
