using System.Collections.Concurrent;
using DurableTask.Core;

namespace Mailstrom.Durable.TaskHub.AzureStorage;

/// <summary>
/// Keeps the work items the dispatcher has taken from the task hub and not yet settled (an orchestration work item is
/// settled when released; an activity's when completed or abandoned): a graceful shutdown can stop taking work and wait
/// until what was taken has been recorded, and the lock of a running activity is renewed before it lapses, so a delivery
/// longer than the message visibility timeout is not handed to another worker meanwhile (the gRPC server's dispatcher
/// never renews it).
/// </summary>
internal sealed class InFlightWork : OrchestrationServiceDecorator, IDisposable
{
    private readonly ConcurrentDictionary<object, byte> _taken = new(ReferenceEqualityComparer.Instance);
    private readonly ConcurrentDictionary<TaskActivityWorkItem, byte> _activities = new(ReferenceEqualityComparer.Instance);
    private readonly object _gate = new();
    private readonly IOrchestrationService _inner;
    private readonly TimeSpan _renewWhenLeft;
    private readonly TimeProvider _timeProvider;
    private readonly PeriodicTimer _renewTimer;
    private readonly Task _renewing;
    private TaskCompletionSource? _idle;

    /// <summary>Watches <paramref name="inner"/>'s work items.</summary>
    /// <param name="inner">The service the dispatcher takes work from.</param>
    /// <param name="lockDuration">How long a taken message stays locked (the visibility timeout).</param>
    /// <param name="timeProvider">The clock of the renewal checks.</param>
    public InFlightWork(IOrchestrationService inner, TimeSpan lockDuration, TimeProvider timeProvider)
        : base(inner)
    {
        _inner = inner;
        _renewWhenLeft = lockDuration / 2;
        _timeProvider = timeProvider;
        _renewTimer = new PeriodicTimer(TimeSpan.FromSeconds(Math.Clamp(lockDuration.TotalSeconds / 6, 0.2, 5)), timeProvider);
        _renewing = RenewActivityLocksAsync();
    }

    /// <summary>Work items taken and not yet settled.</summary>
    public int Count => _taken.Count;

    /// <summary>Completes once no work item is in flight, or when <paramref name="cancellationToken"/> fires.</summary>
    public Task WhenIdleAsync(CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_taken.IsEmpty)
            {
                return Task.CompletedTask;
            }

            _idle ??= new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            return _idle.Task.WaitAsync(cancellationToken);
        }
    }

    public override async Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        Taken(await base.LockNextTaskOrchestrationWorkItemAsync(receiveTimeout, cancellationToken));

    public override async Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem)
    {
        try
        {
            await base.ReleaseTaskOrchestrationWorkItemAsync(workItem);
        }
        finally
        {
            Settled(workItem);
        }
    }

    public override async Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken)
    {
        var workItem = Taken(await base.LockNextTaskActivityWorkItem(receiveTimeout, cancellationToken));
        if (workItem is not null)
        {
            _activities.TryAdd(workItem, 0);
        }

        return workItem!;
    }

    public override async Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage)
    {
        try
        {
            await base.CompleteTaskActivityWorkItemAsync(workItem, responseMessage);
        }
        finally
        {
            Settled(workItem);
        }
    }

    public override async Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem)
    {
        try
        {
            await base.AbandonTaskActivityWorkItemAsync(workItem);
        }
        finally
        {
            Settled(workItem);
        }
    }

    private T Taken<T>(T workItem)
        where T : class
    {
        if (workItem is not null)
        {
            _taken.TryAdd(workItem, 0);
        }

        return workItem!;
    }

    public void Dispose()
    {
        _renewTimer.Dispose();
        _renewing.GetAwaiter().GetResult();
    }

    private async Task RenewActivityLocksAsync()
    {
        while (await _renewTimer.WaitForNextTickAsync())
        {
            foreach (var workItem in _activities.Keys)
            {
                if (workItem.LockedUntilUtc - _timeProvider.GetUtcNow().UtcDateTime > _renewWhenLeft)
                {
                    continue;
                }

                try
                {
                    var renewed = await _inner.RenewTaskActivityWorkItemLockAsync(workItem);
                    workItem.LockedUntilUtc = renewed.LockedUntilUtc;
                }
                catch (Exception ex) when (ex is not OutOfMemoryException)
                {
                    // Completed meanwhile, or a storage hiccup: the next tick tries again while it is still running.
                }
            }
        }
    }

    private void Settled(object workItem)
    {
        if (workItem is TaskActivityWorkItem activity)
        {
            _activities.TryRemove(activity, out _);
        }

        if (!_taken.TryRemove(workItem, out _))
        {
            return;
        }

        lock (_gate)
        {
            if (_taken.IsEmpty && _idle is { } idle)
            {
                _idle = null;
                idle.TrySetResult();
            }
        }
    }
}
