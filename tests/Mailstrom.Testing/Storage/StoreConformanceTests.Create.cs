using System.Text;
using Mailstrom.Model;
using Mailstrom.Storage;

namespace Mailstrom.Testing.Storage;

public abstract partial class StoreConformanceTests
{
    [Fact(Timeout = Timeout)]
    public async Task CreateAsync_ThenGetStatus_RoundTripsEveryFieldInUtc()
    {
        var created = new DateTimeOffset(2025, 3, 1, 14, 0, 0, 123, TimeSpan.FromHours(2)).AddTicks(4567);
        var email = StoreTestData.Email("email-1", created, recipients: 3);

        var result = await Store.CreateAsync(email, None);
        var status = await GetAsync("email-1");

        Assert.Equal(new CreateEmailResult(CreateEmailOutcome.Created, "email-1"), result);
        Assert.Equal("email-1", status.Id);
        Assert.Equal(RuntimeStatus.Pending, status.RuntimeStatus);
        Assert.Equal(new EmailSummary("email-1@mail.sender.test", "alice@sender.test", "Quarterly report", 3), status.Input);
        Assert.Equal(created, status.CreatedTime);
        Assert.Equal(created, status.LastUpdatedTime);
        AssertUtc(status.CreatedTime);
        AssertUtc(status.LastUpdatedTime);
        Assert.Null(status.TerminationReason);
        Assert.Null(status.Output);
        Assert.Equal(
            Enumerable.Range(0, 3).Select(i => new RecipientStatus(StoreTestData.Recipient(i).Address, DeliveryStatus.Queued, 0, null, created)),
            status.Recipients);
        Assert.All(status.Recipients, r => AssertUtc(r.NextAttemptTime));
    }

    [Fact(Timeout = Timeout)]
    public async Task CreateAsync_WithoutSubject_RoundTripsNullSubject()
    {
        await Store.CreateAsync(StoreTestData.Email("email-1", T0, subject: null), None);

        var status = await GetAsync("email-1");

        Assert.Null(status.Input.Subject);
    }

    [Fact(Timeout = Timeout)]
    public async Task GetContentAsync_ReturnsTheStoredBytes()
    {
        var email = StoreTestData.Email("email-1", T0);
        await Store.CreateAsync(email, None);

        var content = await Queue.GetContentAsync("email-1", None);

        Assert.NotNull(content);
        Assert.Equal(email.Email.Content.ToArray(), content.Value.ToArray());
        Assert.Contains("Body of email-1", Encoding.UTF8.GetString(content.Value.Span), StringComparison.Ordinal);
    }

    [Fact(Timeout = Timeout)]
    public async Task GetStatusAndContent_UnknownId_ReturnNull()
    {
        Assert.Null(await Store.GetStatusAsync("missing", None));
        Assert.Null(await Queue.GetContentAsync("missing", None));
    }

    [Fact(Timeout = Timeout)]
    public async Task CreateAsync_CancelledBeforehand_StoresNothing()
    {
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(
            () => Store.CreateAsync(StoreTestData.Email("email-1", T0), cancelled.Token));

        Assert.Null(await Store.GetStatusAsync("email-1", None));
    }

    [Fact(Timeout = Timeout)]
    public async Task CreateAsync_SameKeyAndHash_ReplaysTheEarlierIdAndStoresNothing()
    {
        var key = new IdempotencyKey("key-1", "hash-a", T0.AddHours(24));
        await Store.CreateAsync(StoreTestData.Email("email-1", T0, idempotency: key), None);

        var replay = await Store.CreateAsync(StoreTestData.Email("email-2", T0.AddMinutes(1), idempotency: key), None);

        Assert.Equal(new CreateEmailResult(CreateEmailOutcome.Replayed, "email-1"), replay);
        Assert.Null(await Store.GetStatusAsync("email-2", None));
        Assert.Null(await Queue.GetContentAsync("email-2", None));
    }

    [Fact(Timeout = Timeout)]
    public async Task CreateAsync_SameKeyOtherHash_ConflictsWithTheEarlierIdAndStoresNothing()
    {
        await Store.CreateAsync(StoreTestData.Email("email-1", T0, idempotency: new IdempotencyKey("key-1", "hash-a", T0.AddHours(24))), None);

        var conflict = await Store.CreateAsync(
            StoreTestData.Email("email-2", T0.AddMinutes(1), idempotency: new IdempotencyKey("key-1", "hash-b", T0.AddHours(25))), None);

        Assert.Equal(new CreateEmailResult(CreateEmailOutcome.Conflict, "email-1"), conflict);
        Assert.Null(await Store.GetStatusAsync("email-2", None));
    }

    [Fact(Timeout = Timeout)]
    public async Task CreateAsync_KeyAtOrAfterExpiry_CreatesANewEmailThatLaterReplaysPointAt()
    {
        await Store.CreateAsync(StoreTestData.Email("email-1", T0, idempotency: new IdempotencyKey("key-1", "hash-a", T0.AddHours(24))), None);

        var reused = await Store.CreateAsync(
            StoreTestData.Email("email-2", T0.AddHours(24), idempotency: new IdempotencyKey("key-1", "hash-b", T0.AddHours(48))), None);
        var replay = await Store.CreateAsync(
            StoreTestData.Email("email-3", T0.AddHours(25), idempotency: new IdempotencyKey("key-1", "hash-b", T0.AddHours(49))), None);

        Assert.Equal(new CreateEmailResult(CreateEmailOutcome.Created, "email-2"), reused);
        Assert.Equal(new CreateEmailResult(CreateEmailOutcome.Replayed, "email-2"), replay);
        Assert.NotNull(await Store.GetStatusAsync("email-1", None));
    }

    [Fact(Timeout = Timeout)]
    public async Task CreateAsync_ConcurrentSubmissionsWithOneKey_StoreExactlyOneEmail()
    {
        var key = new IdempotencyKey("key-1", "hash-a", T0.AddHours(24));

        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(i =>
            Task.Run(() => Store.CreateAsync(StoreTestData.Email($"email-{i}", T0, idempotency: key), None))));

        var created = Assert.Single(results, r => r.Outcome == CreateEmailOutcome.Created);
        Assert.All(results, r => Assert.Equal(created.Id, r.Id));
        Assert.All(results.Where(r => r != created), r => Assert.Equal(CreateEmailOutcome.Replayed, r.Outcome));
        var page = await Store.ListAsync(new EmailQuery(), None);
        Assert.Equal(created.Id, Assert.Single(page.Items).Id);
    }

    [Fact(Timeout = Timeout)]
    public async Task CreateAsync_DifferentKeys_CreateSeparateEmails()
    {
        var first = await Store.CreateAsync(StoreTestData.Email("email-1", T0, idempotency: new IdempotencyKey("key-1", "hash", T0.AddHours(24))), None);
        var second = await Store.CreateAsync(StoreTestData.Email("email-2", T0, idempotency: new IdempotencyKey("key-2", "hash", T0.AddHours(24))), None);

        Assert.Equal(CreateEmailOutcome.Created, first.Outcome);
        Assert.Equal(CreateEmailOutcome.Created, second.Outcome);
    }
}
