using System.Collections.Concurrent;
using DurableTask.Core;

namespace Mailstrom.Durable.TaskHub.AzureStorage;

/// <summary>
/// Keeps the work items the dispatcher has taken from the task hub and not yet settled (an orchestration work item is
/// settled when released; an activity's when completed or abandoned), so a graceful shutdown can stop taking work and
/// wait until what was taken has been recorded.
/// </summary>
internal sealed class InFlightWork(IOrchestrationService inner) : OrchestrationServiceDecorator(inner)
{
    private readonly ConcurrentDictionary<object, byte> _taken = new(ReferenceEqualityComparer.Instance);
    private readonly object _gate = new();
    private TaskCompletionSource? _idle;

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

    public override async Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
        Taken(await base.LockNextTaskActivityWorkItem(receiveTimeout, cancellationToken));

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

    private void Settled(object workItem)
    {
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
