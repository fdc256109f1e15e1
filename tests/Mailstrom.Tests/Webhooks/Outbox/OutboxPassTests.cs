using Mailstrom.Storage;
using Mailstrom.Testing.Storage;
using Mailstrom.Webhooks;

namespace Mailstrom.Tests.Webhooks.Outbox;

/// <summary>
/// The native engine's webhook delivery: events written with the status changes, posted by <see cref="Mailstrom.Webhooks.Outbox.OutboxPass"/>
/// to a real receiver, retried on a fake clock.
/// </summary>
public sealed class OutboxPassTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task RunOnce_ReceiverTakesThem_PostsSignedRecipientAndEmailEvents_AndEmptiesTheOutbox()
    {
        await using var harness = await OutboxHarness.StartAsync();
        var emailId = await harness.DeliverNewEmailAsync();

        Assert.Equal(2, await harness.Pass.RunOnceAsync(CancellationToken.None));

        var received = harness.Receiver.Received;
        Assert.Equal(["email.completed", "recipient.delivered"], received.Select(r => r.Type).Order());
        Assert.All(received, r => r.VerifyWithStandardWebhooks(WebhookTestSecrets.Current));
        var delivered = received.Single(r => r.Type == WebhookEventTypes.RecipientDelivered);
        Assert.Equal($"evt_{emailId}_r0_a1_delivered", delivered.Id);
        Assert.Equal(emailId, delivered.DataString("emailId"));
        Assert.Equal("user0@example0.test", delivered.DataString("recipient"));
        Assert.Equal("Delivered", delivered.DataString("status"));
        Assert.Equal(250, delivered.Data.GetProperty("smtpCode").GetInt32());
        Assert.Equal("mx1.example.test", delivered.DataString("mxHost"));
        Assert.DoesNotContain("Quarterly report", delivered.Body, StringComparison.Ordinal);
        Assert.DoesNotContain("Body of", delivered.Body, StringComparison.Ordinal);
        var completed = received.Single(r => r.Type == WebhookEventTypes.EmailCompleted);
        Assert.Equal($"evt_{emailId}_completed", completed.Id);
        Assert.Equal(1, completed.Data.GetProperty("delivered").GetInt32());
        Assert.Null(await ((IWebhookOutbox)harness.Store).GetNextDueTimeAsync(CancellationToken.None));
        Assert.Equal(0, await harness.PassAtAsync(TimeSpan.FromHours(1)));
    }

    [Fact]
    public async Task RunOnce_DeferredRecipient_TellsTheNextAttemptTime()
    {
        await using var harness = await OutboxHarness.StartAsync();
        var item = Assert.Single(await harness.ClaimNewEmailAsync());
        var next = harness.Time.GetUtcNow().AddMinutes(5);
        await harness.Store.RecordAsync([StoreTestData.Deferred(item, harness.Time.GetUtcNow(), next)], CancellationToken.None);

        await harness.Pass.RunOnceAsync(CancellationToken.None);

        var deferred = Assert.Single(harness.Receiver.Received);
        Assert.Equal("recipient.deferred", deferred.Type);
        Assert.Equal(Mailstrom.Contracts.DurableTime.Format(next), deferred.DataString("nextAttemptTime"));
        Assert.Equal("4.3.0", deferred.DataString("enhancedStatusCode"));
    }

    [Fact]
    public async Task RunOnce_ReceiverDownThenUp_LosesNothing_AndSendsEachEventOnceItIsTaken()
    {
        await using var harness = await OutboxHarness.StartAsync();
        await harness.Receiver.StopAsync();
        var emails = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            emails.Add(await harness.DeliverNewEmailAsync());
        }

        Assert.Equal(6, await harness.Pass.RunOnceAsync(CancellationToken.None));
        Assert.Equal(0, await harness.PassAtAsync(TimeSpan.FromSeconds(4)));
        await harness.Receiver.StartAsync();
        Assert.Equal(6, await harness.PassAtAsync(TimeSpan.FromSeconds(1)));

        var accepted = await harness.Receiver.WaitForAcceptedAsync(6, Within);
        Assert.Equal(6, accepted.Select(r => r.Id).Distinct().Count());
        Assert.Equal(emails.SelectMany(e => new[] { $"evt_{e}_completed", $"evt_{e}_r0_a1_delivered" }).Order(), accepted.Select(r => r.Id).Order());
        Assert.Equal(0, await harness.PassAtAsync(TimeSpan.FromHours(1)));
    }

    [Fact]
    public async Task RunOnce_Receiver500Then429_RetriesWithBackoff_HonouringRetryAfter()
    {
        await using var harness = await OutboxHarness.StartAsync(o => o.Endpoints["hooks"].Events = [WebhookEventTypes.EmailCompleted]);
        var start = harness.Time.GetUtcNow();
        harness.Receiver.Answer(500);
        harness.Receiver.AnswerWithRetryAfter(429, TimeSpan.FromSeconds(60));
        await harness.DeliverNewEmailAsync();

        Assert.Equal(1, await harness.Pass.RunOnceAsync(CancellationToken.None));   // 500: next try after 5 s
        Assert.Equal(0, await harness.PassAtAsync(TimeSpan.FromSeconds(4.9)));
        Assert.Equal(1, await harness.PassAtAsync(TimeSpan.FromSeconds(0.1)));      // 429, Retry-After 60 s > the 10 s backoff
        Assert.Equal(0, await harness.PassAtAsync(TimeSpan.FromSeconds(59.9)));
        Assert.Equal(1, await harness.PassAtAsync(TimeSpan.FromSeconds(0.1)));      // taken

        var received = harness.Receiver.Received;
        Assert.Equal([500, 429, 200], received.Select(r => r.AnsweredStatus));
        Assert.Single(received.Select(r => r.Id).Distinct());
        Assert.Equal([0, 5, 65], received.Select(r => r.SentAt.ToUnixTimeSeconds() - start.ToUnixTimeSeconds()));
        Assert.All(received, r => Assert.True(r.IsSignedWith(WebhookTestSecrets.Current)));
    }

    [Fact]
    public async Task RunOnce_Receiver410_IsDeadAtOnce_KeptAndCounted()
    {
        await using var harness = await OutboxHarness.StartAsync(o => o.Endpoints["hooks"].Events = [WebhookEventTypes.RecipientDelivered]);
        harness.Receiver.Answer(410);
        await harness.DeliverNewEmailAsync();

        Assert.Equal(1, await harness.Pass.RunOnceAsync(CancellationToken.None));

        Assert.Equal(1, await harness.Store.CountDeadAsync(CancellationToken.None));
        Assert.Null(await ((IWebhookOutbox)harness.Store).GetNextDueTimeAsync(CancellationToken.None));
        Assert.Equal(0, await harness.PassAtAsync(TimeSpan.FromDays(1)));
        Assert.Single(harness.Receiver.Received);
    }

    [Fact]
    public async Task RunOnce_ReceiverFailingPastTheHorizon_GivesUpAtTheHorizon()
    {
        await using var harness = await OutboxHarness.StartAsync(o =>
        {
            o.Endpoints["hooks"].Events = [WebhookEventTypes.EmailCompleted];
            o.RetryHorizon = TimeSpan.FromMinutes(1);
        });
        harness.Receiver.Answer([.. Enumerable.Repeat(503, 20)]);
        await harness.DeliverNewEmailAsync();

        await harness.Pass.RunOnceAsync(CancellationToken.None);
        for (var second = 0; second < 120; second++)
        {
            await harness.PassAtAsync(TimeSpan.FromSeconds(1));
        }

        // Tries at 0, 5, 15 and 35 s (the backoff doubling from 5 s), then at the 60 s horizon: dead.
        Assert.Equal(5, harness.Receiver.Received.Count);
        Assert.Equal(1, await harness.Store.CountDeadAsync(CancellationToken.None));
    }

    [Fact]
    public async Task RunOnce_ClaimOfADeadProcess_Lapses_AndTheEventIsSentAgain()
    {
        await using var harness = await OutboxHarness.StartAsync();
        await harness.DeliverNewEmailAsync();

        // A process claims both events and dies before it posts them.
        var claimed = await harness.Store.ClaimDueAsync(harness.Time.GetUtcNow(), 10, harness.Pass.ClaimDuration, CancellationToken.None);
        Assert.Equal(2, claimed.Count);
        Assert.Equal(0, await harness.PassAtAsync(harness.Pass.ClaimDuration - TimeSpan.FromSeconds(1)));

        Assert.Equal(2, await harness.PassAtAsync(TimeSpan.FromSeconds(1)));
        Assert.Equal(2, harness.Receiver.Accepted.Count);

        // The dead process's late result no longer holds the claim: it changes nothing.
        await harness.Store.RecordAsync([new WebhookOutboxResult(claimed[0], new WebhookDecision(WebhookDecisionKind.Retry, harness.Time.GetUtcNow(), "late"))], CancellationToken.None);
        Assert.Null(await ((IWebhookOutbox)harness.Store).GetNextDueTimeAsync(CancellationToken.None));
    }

    [Fact]
    public async Task Terminate_WritesACancelledEventPerPendingRecipient_AndTheTerminatedEvent()
    {
        await using var harness = await OutboxHarness.StartAsync();
        var items = await harness.ClaimNewEmailAsync(recipients: 3);
        await harness.Store.RecordAsync([StoreTestData.Delivered(items[0], harness.Time.GetUtcNow())], CancellationToken.None);
        var emailId = items[0].EmailId;

        await harness.Store.TerminateAsync(emailId, "changed my mind", harness.Time.GetUtcNow(), CancellationToken.None);
        await harness.Pass.RunOnceAsync(CancellationToken.None);

        var received = harness.Receiver.Received;
        Assert.Equal(
            [$"evt_{emailId}_r0_a1_delivered", $"evt_{emailId}_r1_a0_cancelled", $"evt_{emailId}_r2_a0_cancelled", $"evt_{emailId}_terminated"],
            received.Select(r => r.Id).Order(StringComparer.Ordinal));
        var terminated = received.Single(r => r.Type == WebhookEventTypes.EmailTerminated);
        Assert.Equal("Terminated", terminated.DataString("runtimeStatus"));
        Assert.Equal("changed my mind", terminated.DataString("reason"));
        Assert.Equal(1, terminated.Data.GetProperty("delivered").GetInt32());
        Assert.Equal(2, terminated.Data.GetProperty("cancelled").GetInt32());
        Assert.Equal("dörte@example1.test", received.Single(r => r.Id!.Contains("_r1_", StringComparison.Ordinal)).DataString("recipient"));
    }

    [Fact]
    public async Task RunOnce_NoEndpointWantsTheType_WritesNothing()
    {
        await using var harness = await OutboxHarness.StartAsync(o => o.Endpoints["hooks"].Events = [WebhookEventTypes.RecipientFailed]);
        await harness.DeliverNewEmailAsync();

        Assert.Equal(0, await harness.Pass.RunOnceAsync(CancellationToken.None));
        Assert.Null(await ((IWebhookOutbox)harness.Store).GetNextDueTimeAsync(CancellationToken.None));
    }
}
