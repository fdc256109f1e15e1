using System.Collections.Concurrent;
using DurableTask.Core;
using Mailstrom.Durable.TaskHub.AzureStorage;
using Microsoft.Extensions.Time.Testing;

namespace Mailstrom.Durable.Tests.TaskHub;

public sealed class InFlightWorkTests
{
    private static readonly TimeSpan LockDuration = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task ARunningActivity_IsRenewedBeforeItsLockLapses_AndNoLongerOnceCompleted()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var inner = new FakeService(time);
        using var work = new InFlightWork(inner, LockDuration, time);
        var activity = await work.LockNextTaskActivityWorkItem(TimeSpan.Zero, CancellationToken.None);

        var renewed = inner.NextRenewal();
        time.Advance(TimeSpan.FromSeconds(16));
        await renewed.WaitAsync(TimeSpan.FromSeconds(10));
        var renewalsWhileRunning = inner.Renewals;
        await work.CompleteTaskActivityWorkItemAsync(activity, new TaskMessage());
        time.Advance(TimeSpan.FromMinutes(5));

        Assert.True(renewalsWhileRunning >= 1);
        Assert.Equal(renewalsWhileRunning, inner.Renewals);
        Assert.Equal(0, work.Count);
    }

    [Fact]
    public async Task WhenIdle_WaitsForEveryTakenWorkItem_SettledOnceEach()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var inner = new FakeService(time);
        using var work = new InFlightWork(inner, LockDuration, time);
        var activity = await work.LockNextTaskActivityWorkItem(TimeSpan.Zero, CancellationToken.None);
        var orchestration = await work.LockNextTaskOrchestrationWorkItemAsync(TimeSpan.Zero, CancellationToken.None);

        var idle = work.WhenIdleAsync(CancellationToken.None);
        await work.CompleteTaskActivityWorkItemAsync(activity, new TaskMessage());
        await work.AbandonTaskActivityWorkItemAsync(activity);
        var afterActivity = idle.IsCompleted;
        await work.ReleaseTaskOrchestrationWorkItemAsync(orchestration);
        await idle.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.False(afterActivity);
        Assert.Equal(0, work.Count);
        Assert.True(work.WhenIdleAsync(CancellationToken.None).IsCompleted);
    }

    private sealed class FakeService(TimeProvider time) : IOrchestrationService
    {
        private readonly ConcurrentQueue<TaskCompletionSource> _renewalWaiters = new();
        private int _renewals;

        public int Renewals => Volatile.Read(ref _renewals);

        public int TaskOrchestrationDispatcherCount => 1;

        public int MaxConcurrentTaskOrchestrationWorkItems => 1;

        public BehaviorOnContinueAsNew EventBehaviourForContinueAsNew => BehaviorOnContinueAsNew.Carryover;

        public int TaskActivityDispatcherCount => 1;

        public int MaxConcurrentTaskActivityWorkItems => 1;

        public Task NextRenewal()
        {
            var waiter = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _renewalWaiters.Enqueue(waiter);
            return waiter.Task;
        }

        public Task<TaskActivityWorkItem> LockNextTaskActivityWorkItem(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
            Task.FromResult(new TaskActivityWorkItem { Id = Guid.NewGuid().ToString(), LockedUntilUtc = time.GetUtcNow().UtcDateTime + LockDuration });

        public Task<TaskActivityWorkItem> RenewTaskActivityWorkItemLockAsync(TaskActivityWorkItem workItem)
        {
            Interlocked.Increment(ref _renewals);
            workItem.LockedUntilUtc = time.GetUtcNow().UtcDateTime + LockDuration;
            while (_renewalWaiters.TryDequeue(out var waiter))
            {
                waiter.TrySetResult();
            }

            return Task.FromResult(workItem);
        }

        public Task<TaskOrchestrationWorkItem> LockNextTaskOrchestrationWorkItemAsync(TimeSpan receiveTimeout, CancellationToken cancellationToken) =>
            Task.FromResult(new TaskOrchestrationWorkItem { InstanceId = "instance" });

        public Task CompleteTaskActivityWorkItemAsync(TaskActivityWorkItem workItem, TaskMessage responseMessage) => Task.CompletedTask;

        public Task AbandonTaskActivityWorkItemAsync(TaskActivityWorkItem workItem) => Task.CompletedTask;

        public Task ReleaseTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => Task.CompletedTask;

        public Task CompleteTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem, OrchestrationRuntimeState newOrchestrationRuntimeState, IList<TaskMessage> outboundMessages, IList<TaskMessage> orchestratorMessages, IList<TaskMessage> timerMessages, TaskMessage continuedAsNewMessage, OrchestrationState orchestrationState) => Task.CompletedTask;

        public Task RenewTaskOrchestrationWorkItemLockAsync(TaskOrchestrationWorkItem workItem) => Task.CompletedTask;

        public Task AbandonTaskOrchestrationWorkItemAsync(TaskOrchestrationWorkItem workItem) => Task.CompletedTask;

        public Task StartAsync() => Task.CompletedTask;

        public Task StopAsync() => Task.CompletedTask;

        public Task StopAsync(bool isForced) => Task.CompletedTask;

        public Task CreateAsync() => Task.CompletedTask;

        public Task CreateAsync(bool recreateInstanceStore) => Task.CompletedTask;

        public Task CreateIfNotExistsAsync() => Task.CompletedTask;

        public Task DeleteAsync() => Task.CompletedTask;

        public Task DeleteAsync(bool deleteInstanceStore) => Task.CompletedTask;

        public bool IsMaxMessageCountExceeded(int currentMessageCount, OrchestrationRuntimeState runtimeState) => false;

        public int GetDelayInSecondsAfterOnProcessException(Exception exception) => 0;

        public int GetDelayInSecondsAfterOnFetchException(Exception exception) => 0;
    }
}
