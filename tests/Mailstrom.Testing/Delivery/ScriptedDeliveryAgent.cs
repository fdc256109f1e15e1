using System.Collections.Concurrent;
using Mailstrom.Delivery;

namespace Mailstrom.Testing.Delivery;

/// <summary>One call the engine made to the delivery core: the domain, its recipients, and the domain's attempt number.</summary>
public sealed record DeliveryCall(string EmailId, string Domain, IReadOnlyList<string> Recipients, int Attempt, DateTimeOffset At);

/// <summary>
/// A delivery core that answers from a script instead of the network, for the orchestration's own logic: per domain, the
/// outcome of each attempt (1-based) for each recipient; by default every recipient is delivered. A domain can also be
/// held until the test releases it, to read the status while its attempt is in flight.
/// </summary>
public sealed class ScriptedDeliveryAgent : IDeliveryAgent
{
    private readonly ConcurrentDictionary<string, Func<int, string, AttemptOutcome>> _scripts = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _holds = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<(string EmailId, string Domain), int> _attempts = new();
    private readonly ConcurrentQueue<DeliveryCall> _calls = new();

    public static AttemptOutcome Delivered { get; } = new(AttemptOutcomeKind.Delivered, 250, "2.0.0", "250 2.0.0 Ok: queued", "mx.test", "TLSv1.3");

    public static AttemptOutcome Deferred { get; } = new(AttemptOutcomeKind.Transient, 451, "4.3.0", "451 4.3.0 Try again later", "mx.test");

    public static AttemptOutcome Rejected { get; } = new(AttemptOutcomeKind.Permanent, 550, "5.1.1", "550 5.1.1 No such user", "mx.test");

    public IReadOnlyList<DeliveryCall> Calls => [.. _calls];

    /// <summary>Answers attempts on <paramref name="domain"/> with <paramref name="outcome"/>(attempt, address).</summary>
    public ScriptedDeliveryAgent On(string domain, Func<int, string, AttemptOutcome> outcome)
    {
        _scripts[domain] = outcome;
        return this;
    }

    /// <summary>Holds every attempt on <paramref name="domain"/> until <see cref="Release"/>.</summary>
    public ScriptedDeliveryAgent Hold(string domain)
    {
        _holds[domain] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return this;
    }

    public void Release(string domain)
    {
        if (_holds.TryRemove(domain, out var hold))
        {
            hold.TrySetResult();
        }
    }

    public async Task<IReadOnlyList<AttemptOutcome>> DeliverAsync(DeliveryBatch batch, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var attempt = _attempts.AddOrUpdate((batch.EmailId, batch.Domain), 1, (_, n) => n + 1);
        _calls.Enqueue(new DeliveryCall(batch.EmailId, batch.Domain, [.. batch.Recipients.Select(r => r.Address)], attempt, DateTimeOffset.UtcNow));
        if (_holds.TryGetValue(batch.Domain, out var hold))
        {
            await hold.Task.WaitAsync(cancellationToken);
        }

        var script = _scripts.TryGetValue(batch.Domain, out var s) ? s : (_, _) => Delivered;
        return [.. batch.Recipients.Select(r => script(attempt, r.Address))];
    }
}
