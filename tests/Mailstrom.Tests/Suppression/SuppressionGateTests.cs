using Mailstrom.Delivery;
using Mailstrom.Suppression;
using Mailstrom.Testing.Suppression;
using Microsoft.Extensions.Options;

namespace Mailstrom.Tests.Suppression;

public sealed class SuppressionGateTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static DeliveryBatch Batch(params string[] addresses) =>
        new("email-2", "sender@example.org", "example.com", [.. addresses.Select(a => new BatchRecipient(a, false))], new byte[] { 1 });

    private sealed class RecordingAgent : IDeliveryAgent
    {
        public List<DeliveryBatch> Batches { get; } = [];

        public Task<IReadOnlyList<AttemptOutcome>> DeliverAsync(DeliveryBatch batch, CancellationToken cancellationToken)
        {
            Batches.Add(batch);
            return Task.FromResult<IReadOnlyList<AttemptOutcome>>(
                [.. batch.Recipients.Select(r => new AttemptOutcome(AttemptOutcomeKind.Delivered, 250, "2.0.0", $"ok {r.Address}"))]);
        }
    }

    [Fact]
    public async Task Deliver_ListedRecipient_IsRefusedAndTheOthersAttemptedInOrder()
    {
        var list = new MemorySuppressionList();
        await list.AddAsync([new SuppressionEntry("b@example.com", 550, "5.1.1", "No such user", Now, "email-1")], CancellationToken.None);
        var gate = new SuppressionGate(list, Options.Create(new SuppressionOptions()));
        var agent = new RecordingAgent();

        var outcomes = await gate.DeliverAsync(Batch("a@example.com", "b@EXAMPLE.com", "c@example.com"), agent, CancellationToken.None);

        Assert.Equal(["a@example.com", "c@example.com"], Assert.Single(agent.Batches).Recipients.Select(r => r.Address));
        Assert.Equal([AttemptOutcomeKind.Delivered, AttemptOutcomeKind.Permanent, AttemptOutcomeKind.Delivered], outcomes.Select(o => o.Kind));
        Assert.Equal("ok a@example.com", outcomes[0].Response);
        Assert.Equal(AttemptCause.Suppressed, outcomes[1].Cause);
        Assert.Equal("ok c@example.com", outcomes[2].Response);
        Assert.Equal(1, list.Lookups);
    }

    [Fact]
    public async Task Deliver_EveryRecipientListed_CallsNoAgent()
    {
        var list = new MemorySuppressionList();
        await list.AddAsync([new SuppressionEntry("a@example.com", 550, "5.1.1", "No such user", Now, "email-1")], CancellationToken.None);
        var agent = new RecordingAgent();

        var outcomes = await new SuppressionGate(list, Options.Create(new SuppressionOptions())).DeliverAsync(Batch("a@example.com"), agent, CancellationToken.None);

        Assert.Empty(agent.Batches);
        Assert.Equal(AttemptCause.Suppressed, Assert.Single(outcomes).Cause);
    }

    [Fact]
    public async Task Deliver_WhenDisabled_NeitherReadsNorRefuses()
    {
        var list = new MemorySuppressionList();
        await list.AddAsync([new SuppressionEntry("a@example.com", 550, "5.1.1", "No such user", Now, "email-1")], CancellationToken.None);
        var gate = new SuppressionGate(list, Options.Create(new SuppressionOptions { Enabled = false }));
        var agent = new RecordingAgent();

        var outcomes = await gate.DeliverAsync(Batch("a@example.com"), agent, CancellationToken.None);

        Assert.Equal(AttemptOutcomeKind.Delivered, Assert.Single(outcomes).Kind);
        Assert.Equal(0, list.Lookups);
        var entries = gate.EntriesFor("email-2", Batch("a@example.com").Recipients,
            [new AttemptOutcome(AttemptOutcomeKind.Permanent, 550, "5.1.1", "No such user")], Now);
        Assert.Null(Assert.Single(entries));
    }

    [Fact]
    public void EntriesFor_NamesOnlyTheSuppressingOutcomes()
    {
        var gate = new SuppressionGate(new MemorySuppressionList(), Options.Create(new SuppressionOptions()));
        var batch = Batch("a@example.com", "b@example.com");

        var entries = gate.EntriesFor("email-2", batch.Recipients,
            [new AttemptOutcome(AttemptOutcomeKind.Delivered, 250, "2.0.0", "ok"), new AttemptOutcome(AttemptOutcomeKind.Permanent, 550, "5.1.1", "No such user")], Now);

        Assert.Null(entries[0]);
        Assert.Equal(new SuppressionEntry("b@example.com", 550, "5.1.1", "No such user", Now, "email-2"), entries[1]);
    }
}
