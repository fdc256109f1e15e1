using System.Collections.Concurrent;
using Mailstrom.Delivery;

namespace Mailstrom.Tests.Hosting;

/// <summary>
/// A delivery activity faked at its boundary: each batch waits for the test to release it (or for cancellation), and
/// the agent records how many batches ran at once, per domain and in total.
/// </summary>
internal sealed class ControllableAgent : IDeliveryAgent
{
    private readonly ConcurrentDictionary<string, int> _perDomain = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _maxPerDomain = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private TaskCompletionSource _release = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _inFlight;
    private int _calls;

    public ControllableAgent(bool holdBatches, Func<BatchRecipient, AttemptOutcome>? outcome = null)
    {
        Outcome = outcome ?? (_ => new AttemptOutcome(AttemptOutcomeKind.Delivered, 250, "2.0.0", "Ok", "mx.test"));
        if (!holdBatches)
        {
            _release.SetResult();
        }
    }

    public Func<BatchRecipient, AttemptOutcome> Outcome { get; }

    public int Calls => Volatile.Read(ref _calls);

    public int InFlight => Volatile.Read(ref _inFlight);

    public int MaxInFlight { get; private set; }

    public int Cancelled { get; private set; }

    public int MaxInFlightFor(string domain) => _maxPerDomain.GetValueOrDefault(domain);

    /// <summary>Completes when <paramref name="count"/> batches are in flight at once.</summary>
    public async Task WaitForInFlightAsync(int count)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (InFlight < count)
        {
            await Task.Delay(10, timeout.Token);
        }
    }

    public void ReleaseAll()
    {
        lock (_gate)
        {
            _release.TrySetResult();
        }
    }

    public async Task<IReadOnlyList<AttemptOutcome>> DeliverAsync(DeliveryBatch batch, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _calls);
        var domainNow = _perDomain.AddOrUpdate(batch.Domain, 1, (_, n) => n + 1);
        lock (_gate)
        {
            var total = ++_inFlight;
            MaxInFlight = Math.Max(MaxInFlight, total);
            _maxPerDomain.AddOrUpdate(batch.Domain, domainNow, (_, max) => Math.Max(max, domainNow));
        }

        try
        {
            Task release;
            lock (_gate)
            {
                release = _release.Task;
            }

            await release.WaitAsync(cancellationToken);
            return batch.Recipients.Select(Outcome).ToArray();
        }
        catch (OperationCanceledException)
        {
            lock (_gate)
            {
                Cancelled++;
            }

            throw;
        }
        finally
        {
            _perDomain.AddOrUpdate(batch.Domain, 0, (_, n) => n - 1);
            lock (_gate)
            {
                _inFlight--;
            }
        }
    }
}
