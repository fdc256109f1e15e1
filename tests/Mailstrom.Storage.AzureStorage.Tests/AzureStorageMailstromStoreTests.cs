using System.Text;
using Azure.Data.Tables;
using Mailstrom.Composition;
using Mailstrom.Model;
using Mailstrom.Storage.AzureStorage.Entities;
using Mailstrom.Testing.Storage;
using Microsoft.Extensions.Time.Testing;

namespace Mailstrom.Storage.AzureStorage.Tests;

/// <summary>What the Azure Storage store does beyond the shared contract: queues, blobs, poison, lost messages.</summary>
public sealed class AzureStorageMailstromStoreTests : IAsyncLifetime
{
    private const int Timeout = 60_000;
    private static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);
    private static readonly DateTimeOffset T0 = StoreTestData.T0;
    private static readonly CancellationToken None = CancellationToken.None;
    private readonly AzuriteAccount _account = new();
    private readonly List<AzureStorageMailstromStore> _stores = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var store in _stores)
        {
            store.Dispose();
        }

        await _account.DeleteAsync();
    }

    [Fact(Timeout = Timeout)]
    public async Task LostQueueMessage_TheSweepReEnqueuesItAndTheRecipientIsClaimed()
    {
        var clock = new FakeTimeProvider(T0);
        var store = Open(clock: clock);
        await store.CreateAsync(StoreTestData.Email("email-1", T0, recipients: 1), None);
        await DeleteAllWorkMessagesAsync(store);

        var beforeSweep = await ClaimAsync(store, T0.AddMinutes(1));
        clock.Advance(TimeSpan.FromMinutes(20));
        var afterSweep = await ClaimAsync(store, T0.AddMinutes(20));

        Assert.Empty(beforeSweep);
        var item = Assert.Single(afterSweep);
        Assert.Equal(("email-1", 0), (item.EmailId, item.Ordinal));
        Assert.Equal(1, await store.RecordAsync([StoreTestData.Delivered(item, T0.AddMinutes(21))], None));
        Assert.Equal(RuntimeStatus.Completed, (await store.GetStatusAsync("email-1", None))!.RuntimeStatus);
    }

    [Fact(Timeout = Timeout)]
    public async Task LostMessageOfADeferredRecipient_IsRestoredOnlyOnceItIsOverdue()
    {
        var clock = new FakeTimeProvider(T0);
        var store = Open(clock: clock);
        await store.CreateAsync(StoreTestData.Email("email-1", T0, recipients: 1), None);
        var item = Assert.Single(await ClaimAsync(store, T0));
        await store.RecordAsync([StoreTestData.Deferred(item, T0.AddSeconds(1), T0.AddHours(1))], None);
        await DeleteAllWorkMessagesAsync(store, includeHidden: true);

        clock.Advance(TimeSpan.FromMinutes(30));
        var early = await store.SweepAsync(None);
        clock.Advance(TimeSpan.FromMinutes(60));
        var overdue = await store.SweepAsync(None);

        Assert.Equal(0, early);
        Assert.Equal(1, overdue);
        Assert.Equal(1, Assert.Single(await ClaimAsync(store, T0.AddHours(2))).Attempts);
    }

    [Fact(Timeout = Timeout)]
    public async Task RecipientClaimedTooOftenWithoutAResult_FailsWithAnInternalReasonAndItsMessageIsPoisoned()
    {
        var store = Open(options => options.MaxDequeueCount = 3);
        await store.CreateAsync(StoreTestData.Email("email-1", T0, recipients: 1), None);
        for (var i = 0; i < 3; i++)
        {
            Assert.Single(await ClaimAsync(store, T0 + (Lease * i)));
        }

        var fourth = await ClaimAsync(store, T0 + (Lease * 3));

        Assert.Empty(fourth);
        var status = (await store.GetStatusAsync("email-1", None))!;
        Assert.Equal(DeliveryStatus.Failed, status.Recipients[0].Status);
        Assert.Contains("internal error", status.Recipients[0].Response, StringComparison.Ordinal);
        Assert.Equal(RuntimeStatus.Completed, status.RuntimeStatus);
        var poisoned = Assert.Single((await store.PoisonQueue.PeekMessagesAsync(32)).Value);
        Assert.Equal("email-1|0", poisoned.MessageText);
        Assert.Empty(await ClaimAsync(store, T0.AddDays(1)));
    }

    [Fact(Timeout = Timeout)]
    public async Task MessageThatCannotBeProcessed_MovesToThePoisonQueueAfterTheDequeueLimit()
    {
        var store = Open(options =>
        {
            options.MaxDequeueCount = 2;
            options.FailedMessageRetryDelay = TimeSpan.Zero;
        });
        await store.EnsureCreatedAsync(None);
        await store.WorkQueue.SendMessageAsync("not a work message");

        var first = await ClaimAsync(store, T0);
        var stillQueued = (await store.WorkQueue.PeekMessagesAsync(32)).Value.Length;
        var second = await ClaimAsync(store, T0);

        Assert.Empty(first);
        Assert.Empty(second);
        Assert.Equal(1, stillQueued);
        Assert.Empty((await store.WorkQueue.PeekMessagesAsync(32)).Value);
        Assert.Equal("not a work message", Assert.Single((await store.PoisonQueue.PeekMessagesAsync(32)).Value).MessageText);
    }

    [Fact(Timeout = Timeout)]
    public async Task DeferralLongerThanSevenDays_IsAcceptedAndAnEarlyWakeUpIsHiddenAgain()
    {
        var clock = new FakeTimeProvider(T0);
        var store = Open(clock: clock);
        await store.CreateAsync(StoreTestData.Email("email-1", T0, recipients: 1), None);
        var item = Assert.Single(await ClaimAsync(store, T0));
        var next = T0.AddDays(10);

        Assert.Equal(1, await store.RecordAsync([StoreTestData.Deferred(item, T0.AddSeconds(1), next)], None));
        Assert.Empty((await store.WorkQueue.PeekMessagesAsync(32)).Value);

        // The queue delivers the message after its 7-day cap: make it visible as the queue would.
        var recipient = await store.Emails.GetEntityAsync<RecipientEntity>("email-1", RecipientEntity.RowKeyOf(0));
        await store.WorkQueue.UpdateMessageAsync(recipient.Value.QueueMessageId, recipient.Value.PopReceipt, visibilityTimeout: TimeSpan.Zero);
        clock.Advance(TimeSpan.FromDays(7));
        var early = await ClaimAsync(store, T0.AddDays(7));

        Assert.Empty(early);
        Assert.Empty((await store.WorkQueue.PeekMessagesAsync(32)).Value);
        Assert.Equal(1, (await store.WorkQueue.GetPropertiesAsync()).Value.ApproximateMessagesCount);
        Assert.Equal(next, (await store.GetStatusAsync("email-1", None))!.Recipients[0].NextAttemptTime);
    }

    [Fact(Timeout = Timeout)]
    public async Task LargeContent_IsStoredInABlobAndRoundTrips()
    {
        var store = Open();
        var content = new byte[5 * 1024 * 1024];
        new Random(7).NextBytes(content);
        var small = StoreTestData.Email("email-1", T0, recipients: 1);
        var email = small with { Email = small.Email with { Content = content } };

        await store.CreateAsync(email, None);
        var read = await store.GetContentAsync("email-1", None);

        Assert.Equal(content, read!.Value.ToArray());
        Assert.Equal(content.Length, (await store.Content.GetBlobClient("email-1").GetPropertiesAsync()).Value.ContentLength);
        var entity = await store.Emails.GetEntityAsync<TableEntity>("email-1", EmailEntity.Key);
        Assert.All(entity.Value, property => Assert.IsNotType<byte[]>(property.Value));
    }

    [Fact(Timeout = Timeout)]
    public async Task TwoStoreInstances_ClaimingConcurrently_NeverClaimOneRecipientTwice()
    {
        var first = Open();
        var second = Open();
        for (var i = 0; i < 30; i++)
        {
            await first.CreateAsync(StoreTestData.Email($"email-{i:D2}", T0, recipients: 2), None);
        }

        var claimed = await Task.WhenAll(ClaimUntilDrainedAsync(first), ClaimUntilDrainedAsync(second));

        var all = claimed.SelectMany(c => c).Select(i => (i.EmailId, i.Ordinal)).ToList();
        Assert.Equal(all.Count, all.Distinct().Count());
        Assert.Equal(60, all.Count);
        Assert.NotEmpty(claimed[0]);
        Assert.NotEmpty(claimed[1]);
    }

    [Fact(Timeout = Timeout)]
    public async Task HalfFinishedCreate_IsInvisibleAndItsMessagesAreNotClaimed()
    {
        var store = Open();
        await store.CreateAsync(StoreTestData.Email("email-1", T0, recipients: 2), None);
        await store.Emails.DeleteEntityAsync("email-1", EmailEntity.Key); // as if the commit point was never written

        Assert.Null(await store.GetStatusAsync("email-1", None));
        Assert.Null(await store.GetContentAsync("email-1", None));
        Assert.Empty((await store.ListAsync(new EmailQuery(), None)).Items);
        Assert.Empty(await ClaimAsync(store, T0.AddDays(1)));
        Assert.Null(await store.GetNextDueTimeAsync(None));
    }

    [Fact(Timeout = Timeout)]
    public async Task ManyRecipients_AreClaimedRecordedAndTerminatedAcrossTransactionLimits()
    {
        var store = Open();
        var recipients = Enumerable.Range(0, 150).Select(i => new EnvelopeRecipient($"user{i}@example.test", "example.test", false)).ToList();
        var small = StoreTestData.Email("email-1", T0, recipients: 1);
        await store.CreateAsync(small with { Email = small.Email with { Recipients = recipients } }, None);
        var claimed = await ClaimAsync(store, T0, maxItems: 120);
        await store.RecordAsync(claimed.Select(i => StoreTestData.Delivered(i, T0.AddSeconds(1))).ToList(), None);

        var terminated = await store.TerminateAsync("email-1", "enough", T0.AddSeconds(2), None);

        var status = (await store.GetStatusAsync("email-1", None))!;
        Assert.Equal(120, claimed.Count);
        Assert.Equal(TerminateResult.Terminated, terminated);
        Assert.Equal(new EmailOutput(120, 0, 30), status.Output);
        Assert.Equal(Encoding.UTF8.GetString(small.Email.Content.Span), Encoding.UTF8.GetString((await store.GetContentAsync("email-1", None))!.Value.Span));
    }

    private AzureStorageMailstromStore Open(Action<AzureStorageOptions>? configure = null, TimeProvider? clock = null)
    {
        var store = _account.Open(configure, clock);
        _stores.Add(store);
        return store;
    }

    private static Task<IReadOnlyList<DeliveryWorkItem>> ClaimAsync(AzureStorageMailstromStore store, DateTimeOffset now, int maxItems = 100) =>
        store.ClaimDueAsync(new ClaimRequest("worker-1", now, Lease, maxItems), None);

    private static async Task<List<DeliveryWorkItem>> ClaimUntilDrainedAsync(AzureStorageMailstromStore store)
    {
        var claimed = new List<DeliveryWorkItem>();
        for (var round = 0; round < 40; round++)
        {
            claimed.AddRange(await store.ClaimDueAsync(new ClaimRequest($"worker-{store.GetHashCode()}", T0, Lease, 7), None));
        }

        return claimed;
    }

    private static async Task DeleteAllWorkMessagesAsync(AzureStorageMailstromStore store, bool includeHidden = false)
    {
        if (includeHidden)
        {
            // Hidden messages cannot be received: clearing the queue is how a message gets lost for the test.
            await store.WorkQueue.ClearMessagesAsync();
            return;
        }

        foreach (var message in (await store.WorkQueue.ReceiveMessagesAsync(32)).Value)
        {
            await store.WorkQueue.DeleteMessageAsync(message.MessageId, message.PopReceipt);
        }
    }
}
