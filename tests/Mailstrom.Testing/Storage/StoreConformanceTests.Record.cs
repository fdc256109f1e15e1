using Mailstrom.Model;

namespace Mailstrom.Testing.Storage;

public abstract partial class StoreConformanceTests
{
    [Fact(Timeout = Timeout)]
    public async Task RecordAsync_WithTheClaimToken_AppliesEveryFieldOfTheNewState()
    {
        await CreateAsync("email-1", T0, recipients: 2);
        var item = (await ClaimAsync(T0)).Single(i => i.Ordinal == 1);
        var now = T0.AddSeconds(3);
        var result = StoreTestData.Delivered(item, now);

        var applied = await Queue.RecordAsync([result], None);

        Assert.Equal(1, applied);
        var recipient = (await GetAsync("email-1")).Recipients[1];
        Assert.Equal(result.State, recipient);
        AssertUtc(recipient.LastAttemptTime);
    }

    [Fact(Timeout = Timeout)]
    public async Task RecordAsync_WithAWrongToken_IsIgnored()
    {
        await CreateAsync("email-1", T0, recipients: 1);
        var item = Assert.Single(await ClaimAsync(T0));

        var applied = await Queue.RecordAsync([StoreTestData.Delivered(item, T0.AddSeconds(1)) with { LeaseToken = "not-the-token" }], None);

        Assert.Equal(0, applied);
        Assert.Equal(DeliveryStatus.Queued, (await GetAsync("email-1")).Recipients[0].Status);
    }

    [Fact(Timeout = Timeout)]
    public async Task RecordAsync_AResultForAFinalRecipient_NeverOverwritesIt()
    {
        await CreateAsync("email-1", T0, recipients: 1);
        var item = Assert.Single(await ClaimAsync(T0));
        var delivered = StoreTestData.Delivered(item, T0.AddSeconds(1));
        await Queue.RecordAsync([delivered], None);

        var duplicate = await Queue.RecordAsync([StoreTestData.Failed(item, T0.AddSeconds(2))], None);
        var lateDeferral = await Queue.RecordAsync([StoreTestData.Deferred(item, T0.AddSeconds(3), T0.AddMinutes(5))], None);

        Assert.Equal((0, 0), (duplicate, lateDeferral));
        var status = await GetAsync("email-1");
        Assert.Equal(delivered.State, status.Recipients[0]);
        Assert.Equal(T0.AddSeconds(1), status.LastUpdatedTime);
        Assert.Empty(await ClaimAsync(T0.AddDays(1)));
    }

    [Fact(Timeout = Timeout)]
    public async Task RecordAsync_TheSameResultTwiceInOneBatch_AppliesItOnce()
    {
        await CreateAsync("email-1", T0, recipients: 1);
        var item = Assert.Single(await ClaimAsync(T0));
        var delivered = StoreTestData.Delivered(item, T0.AddSeconds(1));

        var applied = await Queue.RecordAsync([delivered, delivered], None);

        Assert.Equal(1, applied);
        Assert.Equal(new EmailOutput(1, 0, 0), (await GetAsync("email-1")).Output);
    }

    [Fact(Timeout = Timeout)]
    public async Task RecordAsync_AfterTheLeaseLapsedButNobodyReclaimed_StillApplies()
    {
        await CreateAsync("email-1", T0, recipients: 1);
        var item = Assert.Single(await ClaimAsync(T0));

        var applied = await Queue.RecordAsync([StoreTestData.Delivered(item, item.LeaseExpiresAt.AddMinutes(1))], None);

        Assert.Equal(1, applied);
        Assert.Equal(RuntimeStatus.Completed, (await GetAsync("email-1")).RuntimeStatus);
    }

    [Fact(Timeout = Timeout)]
    public async Task RecordAsync_EmptyBatch_AppliesNothing()
    {
        Assert.Equal(0, await Queue.RecordAsync([], None));
    }

    [Fact(Timeout = Timeout)]
    public async Task RecordAsync_EveryRecipientFinal_CompletesTheEmailWithOutputCounts()
    {
        await CreateAsync("email-1", T0, recipients: 3);
        var items = (await ClaimAsync(T0)).OrderBy(i => i.Ordinal).ToList();
        await Queue.RecordAsync(
            [StoreTestData.Delivered(items[0], T0.AddSeconds(1)), StoreTestData.Failed(items[1], T0.AddSeconds(2)), StoreTestData.Deferred(items[2], T0.AddSeconds(2), T0.AddMinutes(5))],
            None);
        var midway = await GetAsync("email-1");

        var retry = Assert.Single(await ClaimAsync(T0.AddMinutes(5)));
        await Queue.RecordAsync([StoreTestData.Delivered(retry, T0.AddMinutes(6))], None);
        var done = await GetAsync("email-1");

        Assert.Equal(RuntimeStatus.Running, midway.RuntimeStatus);
        Assert.Equal(T0.AddSeconds(2), midway.LastUpdatedTime);
        Assert.Equal(1, retry.Attempts);
        Assert.Equal(RuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(new EmailOutput(2, 1, 0), done.Output);
        Assert.Equal(T0.AddMinutes(6), done.LastUpdatedTime);
        Assert.Equal(2, done.Recipients[2].Attempts);
    }

    [Fact(Timeout = Timeout)]
    public async Task RecordAsync_Deferred_KeepsTheNextAttemptTimeAndIsNotClaimableBeforeIt()
    {
        await CreateAsync("email-1", T0, recipients: 1);
        var item = Assert.Single(await ClaimAsync(T0));
        var next = T0.AddMinutes(5);

        await Queue.RecordAsync([StoreTestData.Deferred(item, T0.AddSeconds(1), next)], None);
        var deferred = (await GetAsync("email-1")).Recipients[0];
        var early = await ClaimAsync(next.AddTicks(-1));
        var onTime = Assert.Single(await ClaimAsync(next));

        Assert.Equal(DeliveryStatus.Deferred, deferred.Status);
        Assert.Equal(next, deferred.NextAttemptTime);
        Assert.Equal((451, "4.3.0", "mx2.example.test"), (deferred.SmtpCode, deferred.EnhancedStatusCode, deferred.MxHost));
        Assert.Empty(early);
        Assert.Equal(1, onTime.Attempts);
        Assert.Equal(RuntimeStatus.Running, (await GetAsync("email-1")).RuntimeStatus);
    }

    [Fact(Timeout = Timeout)]
    public async Task RecordAsync_AfterTerminate_IsIgnored()
    {
        await CreateAsync("email-1", T0, recipients: 1);
        var item = Assert.Single(await ClaimAsync(T0));
        await Store.TerminateAsync("email-1", "stop", T0.AddSeconds(1), None);

        var applied = await Queue.RecordAsync([StoreTestData.Delivered(item, T0.AddSeconds(2))], None);

        Assert.Equal(0, applied);
        var status = await GetAsync("email-1");
        Assert.Equal(DeliveryStatus.Cancelled, status.Recipients[0].Status);
        Assert.Equal(RuntimeStatus.Terminated, status.RuntimeStatus);
    }

    [Fact(Timeout = Timeout)]
    public async Task RecordAsync_AfterPurge_IsIgnored()
    {
        await CreateAsync("email-1", T0, recipients: 1);
        var item = Assert.Single(await ClaimAsync(T0));
        await Store.PurgeAsync("email-1", None);

        var applied = await Queue.RecordAsync([StoreTestData.Delivered(item, T0.AddSeconds(2))], None);

        Assert.Equal(0, applied);
        Assert.Null(await Store.GetStatusAsync("email-1", None));
    }
}
