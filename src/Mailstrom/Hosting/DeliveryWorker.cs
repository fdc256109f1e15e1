using System.Collections.Concurrent;
using Mailstrom.Delivery;
using Mailstrom.Delivery.Concurrency;
using Mailstrom.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mailstrom.Hosting;

/// <summary>
/// The background worker: claims due recipients under a lease, delivers them in batches within the concurrency
/// limits, and records each outcome. On shutdown it stops claiming, lets in-flight attempts finish for a grace
/// period, and releases the leases of those that did not.
/// </summary>
internal sealed partial class DeliveryWorker : BackgroundService
{
    /// <summary>
    /// Recipients chosen per free slot. One: every claimed recipient can start at once, so nothing is claimed only to
    /// be released again, which costs a round trip per recipient on remote stores. Each chosen recipient brings the
    /// rest of its email's recipients on its domain (<see cref="ClaimRequest.GroupLimit"/>), so they share one SMTP
    /// transaction instead of being split across claims.
    /// </summary>
    private const int ClaimPerSlot = 1;

    private static readonly TimeSpan MaxStoreBackoff = TimeSpan.FromSeconds(30);

    private readonly IDeliveryQueue _queue;
    private readonly BatchRunner _runner;
    private readonly DeliverySlots _slots;
    private readonly IWorkSignal _signal;
    private readonly DeliveryOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<DeliveryWorker> _logger;
    private readonly string _owner = LeaseOwner.ForThisProcess();
    private readonly ConcurrentDictionary<Task, byte> _inFlight = new();
    private readonly CancellationTokenSource _abandon = new();

    public DeliveryWorker(
        IDeliveryQueue queue,
        BatchRunner runner,
        DeliverySlots slots,
        IWorkSignal signal,
        IOptions<DeliveryOptions> options,
        TimeProvider timeProvider,
        ILogger<DeliveryWorker> logger)
    {
        _queue = queue;
        _runner = runner;
        _slots = slots;
        _signal = signal;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_options.EnableWorker)
        {
            WorkerLog.Disabled(_logger);
            return;
        }

        WorkerLog.Started(_logger, _owner, _options.MaxConcurrency, _options.MaxConcurrencyPerDomain);
        await ReleaseLeasesOfGoneProcessesAsync(stoppingToken);
        var backoff = new StoreBackoff(MaxStoreBackoff);
        try
        {
            await RunClaimLoopAsync(backoff, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down.
        }

        await DrainAsync();
    }

    /// <summary>
    /// A restart after a crash: the recipients a dead process on this machine had in flight are claimable at once rather
    /// than after <c>LeaseDuration</c>. Leases of a live process sharing the store are left alone.
    /// </summary>
    private async Task ReleaseLeasesOfGoneProcessesAsync(CancellationToken stoppingToken)
    {
        try
        {
            var machine = Environment.MachineName;
            var released = await _queue.ReleaseLeasesOfGoneOwnersAsync(
                owner => LeaseOwner.IsGone(owner, machine, LeaseOwner.RunningProcessStartTicks), _timeProvider.GetUtcNow(), stoppingToken);
            if (released > 0)
            {
                WorkerLog.ReleasedGoneLeases(_logger, released);
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            WorkerLog.ReleaseGoneLeasesFailed(_logger, ex.Message);
        }
    }

    private async Task RunClaimLoopAsync(StoreBackoff backoff, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            await _slots.WaitForFreeSlotAsync(stoppingToken);
            IReadOnlyList<DeliveryWorkItem> claimed;
            try
            {
                var request = new ClaimRequest(_owner, _timeProvider.GetUtcNow(), _options.LeaseDuration, Math.Max(1, _slots.FreeCount) * ClaimPerSlot)
                {
                    ExcludedDomains = _slots.SaturatedDomains(),
                    GroupLimit = _options.MaxRecipientsPerTransaction,
                };
                claimed = await _queue.ClaimDueAsync(request, stoppingToken);
                backoff.Succeeded(_logger);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                await Task.Delay(backoff.Failed(_logger, ex), _timeProvider, stoppingToken);
                continue;
            }

            if (claimed.Count == 0)
            {
                await WaitForWorkAsync(stoppingToken);
                continue;
            }

            await DispatchAsync(claimed);
        }
    }

    /// <summary>
    /// Starts a batch for each slot free now, within the per-domain limits, and releases the leases of what cannot
    /// start, so no claimed work waits behind a busy domain while holding a slot another domain could use.
    /// </summary>
    private async Task DispatchAsync(IReadOnlyList<DeliveryWorkItem> claimed)
    {
        List<DeliveryWorkItem>? leftovers = null;
        foreach (var batch in Orchestration.BatchPlanner.Plan(claimed, _options.MaxRecipientsPerTransaction))
        {
            if (_slots.TryTake(batch[0].Domain) is not { } slot)
            {
                (leftovers ??= []).AddRange(batch);
                continue;
            }

            Track(RunAndReleaseAsync(batch, slot));
        }

        if (leftovers is not null)
        {
            await _runner.ReleaseAsync(leftovers);
        }
    }

    private async Task RunAndReleaseAsync(IReadOnlyList<DeliveryWorkItem> batch, DeliverySlot slot)
    {
        using (slot)
        {
            await _runner.RunAsync(batch, _abandon.Token);
        }
    }

    private async Task WaitForWorkAsync(CancellationToken stoppingToken)
    {
        var wait = _options.PollInterval;
        try
        {
            if (await _queue.GetNextDueTimeAsync(stoppingToken) is { } next)
            {
                var untilDue = next - _timeProvider.GetUtcNow();
                wait = untilDue < wait ? untilDue : wait;
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The claim loop reports store trouble; here we simply poll at the normal interval.
        }

        if (wait > TimeSpan.Zero)
        {
            await _signal.WaitAsync(wait, stoppingToken);
        }
        else if (!_inFlight.IsEmpty)
        {
            await WaitForBatchOrSignalAsync(stoppingToken);
        }
    }

    /// <summary>
    /// Work is due, yet none could be claimed: every domain it is for is saturated. Claiming again at once would only
    /// spin on the store; claim again when a batch finishes and frees a domain slot, when new work arrives (it may be
    /// for another domain), or after the poll interval.
    /// </summary>
    private async Task WaitForBatchOrSignalAsync(CancellationToken stoppingToken)
    {
        var running = _inFlight.Keys.ToArray();
        if (running.Length == 0)
        {
            return;
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        var signalled = _signal.WaitAsync(_options.PollInterval, stop.Token);
        await Task.WhenAny(Task.WhenAny(running), signalled);
        await stop.CancelAsync();
        try
        {
            await signalled;
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            // A batch finished first.
        }
    }

    private void Track(Task task)
    {
        _inFlight.TryAdd(task, 0);
        _ = task.ContinueWith(t => _inFlight.TryRemove(t, out _), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    private async Task DrainAsync()
    {
        var pending = _inFlight.Keys.ToArray();
        if (pending.Length == 0)
        {
            return;
        }

        WorkerLog.Stopping(_logger, pending.Length);
        try
        {
            await Task.WhenAll(pending).WaitAsync(_options.ShutdownGracePeriod, _timeProvider);
        }
        catch (TimeoutException)
        {
            await _abandon.CancelAsync();
            await Task.WhenAll(pending);
            WorkerLog.Abandoned(_logger, pending.Length);
        }
    }

    public override void Dispose()
    {
        _abandon.Dispose();
        base.Dispose();
    }
}
