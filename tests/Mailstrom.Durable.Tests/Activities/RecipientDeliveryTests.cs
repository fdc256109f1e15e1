using System.Diagnostics.Metrics;
using Mailstrom.Delivery;
using Mailstrom.Delivery.Concurrency;
using Mailstrom.Diagnostics;
using Mailstrom.Durable.Activities;
using Mailstrom.Retry;
using Mailstrom.Suppression;
using Mailstrom.Testing.Delivery;
using Mailstrom.Testing.Durable;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Mailstrom.Durable.Tests.Activities;

public sealed class RecipientDeliveryTests
{
    private static DeliverInput Input(string emailId, string address) =>
        new(emailId, "sender@example.org", "held.test", [new BatchRecipient(address, false)]);

    [Fact]
    public async Task Deliver_TwoAttemptsOnOneDomain_WithOnePerDomain_RunOneAfterTheOther()
    {
        var agent = new ScriptedDeliveryAgent().Hold("held.test");
        var content = new MemoryContentStore();
        await content.PutAsync("e1", "message"u8.ToArray(), null, CancellationToken.None);
        await content.PutAsync("e2", "message"u8.ToArray(), null, CancellationToken.None);
        using var slots = new DeliverySlots(total: 10, perDomain: 1);
        var delivery = new RecipientDelivery(agent, content, slots);

        var first = delivery.DeliverAsync(Input("e1", "a@held.test"), CancellationToken.None);
        var second = delivery.DeliverAsync(Input("e2", "b@held.test"), CancellationToken.None);
        var callsWhileHeld = agent.Calls.Count;
        agent.Release("held.test");
        var outcomes = await Task.WhenAll(first, second).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(1, callsWhileHeld);
        Assert.Equal(2, agent.Calls.Count);
        Assert.All(outcomes, o => Assert.Equal(AttemptOutcomeKind.Delivered, Assert.Single(o).Kind));
        Assert.Equal(10, slots.FreeCount);
    }

    [Fact]
    public async Task Deliver_SuppressionListFailsAfterTheAttempt_ReturnsTheOutcomes_AndLogsInsteadOfFailingTheActivity()
    {
        var agent = new ScriptedDeliveryAgent()
            .On("a.test", (_, address) => address.StartsWith("gone", StringComparison.Ordinal) ? ScriptedDeliveryAgent.Rejected : ScriptedDeliveryAgent.Delivered);
        var content = new MemoryContentStore();
        await content.PutAsync("e1", "message"u8.ToArray(), null, CancellationToken.None);
        using var slots = new DeliverySlots(total: 10, perDomain: 5);
        var logs = new FakeLogger<RecipientDelivery>();
        var gate = new SuppressionGate(new FailingOnAdd(), Options.Create(new SuppressionOptions()));
        var delivery = new RecipientDelivery(agent, content, slots, suppression: gate, logger: logs);

        var outcomes = await delivery.DeliverAsync(
            new DeliverInput("e1", "sender@example.org", "a.test", [new BatchRecipient("took@a.test", false), new BatchRecipient("gone@a.test", false)]),
            CancellationToken.None);

        Assert.Equal([AttemptOutcomeKind.Delivered, AttemptOutcomeKind.Permanent], outcomes.Select(o => o.Kind));
        Assert.Single(agent.Calls);
        var entry = Assert.Single(logs.Collector.GetSnapshot(), r => r.Id.Id == 3101);
        Assert.Contains("e1", entry.Message, StringComparison.Ordinal);
        Assert.IsType<IOException>(entry.Exception);
    }

    [Fact]
    public async Task Deliver_WithoutStoredContent_IsATemporaryFailureForEveryRecipient_WithoutAnAttempt()
    {
        var agent = new ScriptedDeliveryAgent();
        using var slots = new DeliverySlots(total: 10, perDomain: 1);
        var delivery = new RecipientDelivery(agent, new MemoryContentStore(), slots);

        var outcomes = await delivery.DeliverAsync(
            new DeliverInput("missing", "sender@example.org", "a.test", [new BatchRecipient("a@a.test", false), new BatchRecipient("b@a.test", false)]),
            CancellationToken.None);

        Assert.Equal(2, outcomes.Length);
        Assert.All(outcomes, o => Assert.Equal(AttemptOutcomeKind.Transient, o.Kind));
        Assert.All(outcomes, o => Assert.Equal("4.3.0", o.EnhancedStatusCode));
        Assert.Empty(agent.Calls);
    }

    [Fact]
    public async Task Deliver_CountsEachRecipientsNewState_ByTheCoresRetryRule()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        using var metrics = new MailstromMetrics(meters);
        using var recipients = new MetricCollector<long>(meters, MailstromTelemetry.MeterName, MailstromMetrics.Recipients);
        var agent = new ScriptedDeliveryAgent().On("a.test", (_, address) => address switch
        {
            "ok@a.test" => ScriptedDeliveryAgent.Delivered,
            "no@a.test" => ScriptedDeliveryAgent.Rejected,
            _ => ScriptedDeliveryAgent.Deferred,
        });
        var content = new MemoryContentStore();
        await content.PutAsync("e1", "message"u8.ToArray(), null, CancellationToken.None);
        using var slots = new DeliverySlots(total: 10, perDomain: 1);
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero));
        var delivery = new RecipientDelivery(agent, content, slots, metrics, clock);
        BatchRecipient[] to = [new("ok@a.test", false), new("no@a.test", false), new("later@a.test", false), new("last@a.test", false)];

        // "last" has had its third attempt before this one, and the policy allows four: a temporary failure ends it.
        await delivery.DeliverAsync(
            new DeliverInput("e1", "sender@example.org", "a.test", to, clock.GetUtcNow().AddMinutes(-5), [0, 0, 1, 3], new RetryOptions { MaxAttempts = 4 }),
            CancellationToken.None);

        var counted = recipients.GetMeasurementSnapshot()
            .Select(m => $"{m.Tags[TelemetryTags.RecipientStatus]}/{m.Tags[TelemetryTags.StatusClass]}").ToList();
        Assert.Equal(["delivered/2", "failed/5", "deferred/4", "failed/4"], counted);
    }

    [Fact]
    public async Task Deliver_AnInputFromAnEarlierVersion_WithoutTheRetryFacts_CountsNoRecipient()
    {
        using var services = new ServiceCollection().AddMetrics().BuildServiceProvider();
        var meters = services.GetRequiredService<IMeterFactory>();
        using var metrics = new MailstromMetrics(meters);
        using var recipients = new MetricCollector<long>(meters, MailstromTelemetry.MeterName, MailstromMetrics.Recipients);
        var content = new MemoryContentStore();
        await content.PutAsync("e1", "message"u8.ToArray(), null, CancellationToken.None);
        using var slots = new DeliverySlots(total: 10, perDomain: 1);
        var delivery = new RecipientDelivery(new ScriptedDeliveryAgent(), content, slots, metrics);

        var outcomes = await delivery.DeliverAsync(Input("e1", "a@held.test"), CancellationToken.None);

        Assert.Equal(AttemptOutcomeKind.Delivered, Assert.Single(outcomes).Kind);
        Assert.Empty(recipients.GetMeasurementSnapshot());
    }

    private sealed class FailingOnAdd : ISuppressionList
    {
        public Task<IReadOnlyDictionary<string, SuppressionEntry>> FindAsync(IReadOnlyCollection<string> addresses, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyDictionary<string, SuppressionEntry>>(new Dictionary<string, SuppressionEntry>());

        public Task AddAsync(IReadOnlyList<SuppressionEntry> entries, CancellationToken cancellationToken) =>
            throw new IOException("the storage account did not answer");

        public Task<bool> RemoveAsync(string address, CancellationToken cancellationToken) => Task.FromResult(false);

        public Task<SuppressionPage> ListAsync(SuppressionQuery query, CancellationToken cancellationToken) =>
            Task.FromResult(new SuppressionPage([], null));
    }
}
