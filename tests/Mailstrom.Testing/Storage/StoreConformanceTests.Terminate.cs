using Mailstrom.Model;
using Mailstrom.Storage;

namespace Mailstrom.Testing.Storage;

public abstract partial class StoreConformanceTests
{
    [Fact(Timeout = Timeout)]
    public async Task TerminateAsync_RunningEmail_CancelsOnlyRecipientsThatAreNotFinal()
    {
        await CreateAsync("email-1", T0, recipients: 3);
        var items = (await ClaimAsync(T0)).OrderBy(i => i.Ordinal).ToList();
        var delivered = StoreTestData.Delivered(items[0], T0.AddSeconds(1));
        await Queue.RecordAsync([delivered, StoreTestData.Deferred(items[1], T0.AddSeconds(1), T0.AddMinutes(5))], None);

        var result = await Store.TerminateAsync("email-1", "recalled by the sender", T0.AddMinutes(1), None);

        Assert.Equal(TerminateResult.Terminated, result);
        var status = await GetAsync("email-1");
        Assert.Equal(RuntimeStatus.Terminated, status.RuntimeStatus);
        Assert.Equal("recalled by the sender", status.TerminationReason);
        Assert.Equal(T0.AddMinutes(1), status.LastUpdatedTime);
        Assert.Equal(delivered.State, status.Recipients[0]);
        Assert.Equal(
            [DeliveryStatus.Cancelled, DeliveryStatus.Cancelled],
            status.Recipients.Skip(1).Select(r => r.Status));
        Assert.All(status.Recipients.Skip(1), r => Assert.Null(r.NextAttemptTime));
        Assert.Equal(1, status.Recipients[1].Attempts);
        Assert.Equal(new EmailOutput(1, 0, 2), status.Output);
    }

    [Fact(Timeout = Timeout)]
    public async Task TerminateAsync_PendingEmail_TerminatesIt()
    {
        await CreateAsync("email-1", T0);

        Assert.Equal(TerminateResult.Terminated, await Store.TerminateAsync("email-1", null, T0.AddSeconds(1), None));
        var status = await GetAsync("email-1");
        Assert.Null(status.TerminationReason);
        Assert.Equal(new EmailOutput(0, 0, 2), status.Output);
    }

    [Fact(Timeout = Timeout)]
    public async Task TerminateAsync_UnknownId_ReturnsNotFound()
    {
        Assert.Equal(TerminateResult.NotFound, await Store.TerminateAsync("missing", null, T0, None));
    }

    [Fact(Timeout = Timeout)]
    public async Task TerminateAsync_Twice_ReturnsAlreadyTerminalAndKeepsTheFirstReason()
    {
        await CreateAsync("email-1", T0);
        await Store.TerminateAsync("email-1", "first", T0.AddSeconds(1), None);

        var second = await Store.TerminateAsync("email-1", "second", T0.AddSeconds(2), None);

        Assert.Equal(TerminateResult.AlreadyTerminal, second);
        var status = await GetAsync("email-1");
        Assert.Equal("first", status.TerminationReason);
        Assert.Equal(T0.AddSeconds(1), status.LastUpdatedTime);
    }

    [Fact(Timeout = Timeout)]
    public async Task TerminateAsync_CompletedEmail_ReturnsAlreadyTerminalAndChangesNothing()
    {
        await CreateAsync("email-1", T0, recipients: 1);
        var item = Assert.Single(await ClaimAsync(T0));
        await Queue.RecordAsync([StoreTestData.Failed(item, T0.AddSeconds(1))], None);

        var result = await Store.TerminateAsync("email-1", "too late", T0.AddSeconds(2), None);

        Assert.Equal(TerminateResult.AlreadyTerminal, result);
        var status = await GetAsync("email-1");
        Assert.Equal(RuntimeStatus.Completed, status.RuntimeStatus);
        Assert.Null(status.TerminationReason);
        Assert.Equal(new EmailOutput(0, 1, 0), status.Output);
    }

    [Fact(Timeout = Timeout)]
    public async Task PurgeAsync_KnownEmail_DeletesItsStatusContentAndWork()
    {
        await CreateAsync("email-1", T0);
        await CreateAsync("email-2", T0);

        var purged = await Store.PurgeAsync("email-1", None);

        Assert.True(purged);
        Assert.Null(await Store.GetStatusAsync("email-1", None));
        Assert.Null(await Queue.GetContentAsync("email-1", None));
        Assert.All(await ClaimAsync(T0.AddDays(1)), i => Assert.Equal("email-2", i.EmailId));
        Assert.Equal(["email-2"], (await Store.ListAsync(new EmailQuery(), None)).Items.Select(e => e.Id));
        Assert.Equal(TerminateResult.NotFound, await Store.TerminateAsync("email-1", null, T0, None));
    }

    [Fact(Timeout = Timeout)]
    public async Task PurgeAsync_UnknownOrAlreadyPurged_ReturnsFalse()
    {
        await CreateAsync("email-1", T0);
        await Store.PurgeAsync("email-1", None);

        Assert.False(await Store.PurgeAsync("email-1", None));
        Assert.False(await Store.PurgeAsync("missing", None));
    }

    [Fact(Timeout = Timeout)]
    public async Task PurgeAsync_KeepsTheIdempotencyKeyForItsWindow_SoARetryIsNeverASilentResend()
    {
        var key = new IdempotencyKey("key-1", "hash-a", T0.AddHours(24));
        await Store.CreateAsync(StoreTestData.Email("email-1", T0, idempotency: key), None);
        await Store.PurgeAsync("email-1", None);

        var replay = await Store.CreateAsync(StoreTestData.Email("email-2", T0.AddMinutes(1), idempotency: key), None);
        var conflict = await Store.CreateAsync(
            StoreTestData.Email("email-3", T0.AddMinutes(2), idempotency: key with { RequestHash = "hash-b" }), None);
        var afterWindow = await Store.CreateAsync(
            StoreTestData.Email("email-4", T0.AddHours(24), idempotency: key with { ExpiresAt = T0.AddHours(48) }), None);

        Assert.Equal(new CreateEmailResult(CreateEmailOutcome.Replayed, "email-1"), replay);
        Assert.Null(await Store.GetStatusAsync("email-1", None));
        Assert.Equal(CreateEmailOutcome.Conflict, conflict.Outcome);
        Assert.Equal(new CreateEmailResult(CreateEmailOutcome.Created, "email-4"), afterWindow);
    }
}
