using DurableTask.AzureStorage;
using Mailstrom.Durable.DependencyInjection;
using Mailstrom.Durable.TaskHub.Sidecar;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mailstrom.Durable.TaskHub.AzureStorage;

/// <summary>
/// Starts this process's part of an Azure Storage task hub: creates the hub's queues, tables and containers if they are
/// missing, then serves it through the <see cref="TaskHubSidecar"/> to the worker and client. Registered before the
/// Durable Task worker, so the server is up when the worker connects, and stopped after it.
/// </summary>
internal sealed class AzureStorageTaskHub(
    TaskHubSidecar sidecar,
    IOptions<DurableEngineOptions> engine,
    IOptions<TaskHubOptions> hub,
    ILoggerFactory loggerFactory) : IHostedService
{
    private AzureStorageOrchestrationService? _service;
    private InFlightWork? _inFlight;

    /// <summary>The task hub's Durable Task service, once started (for diagnostics and tests).</summary>
    public AzureStorageOrchestrationService? Service => _service;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = hub.Value;
        var service = new AzureStorageOrchestrationService(new AzureStorageOrchestrationServiceSettings
        {
            TaskHubName = settings.TaskHub,
            StorageAccountClientProvider = new StorageAccountClientProvider(engine.Value.ConnectionString),
            PartitionCount = settings.PartitionCount,
            WorkerId = settings.WorkerId,
            MaxQueuePollingInterval = settings.MaxPollingInterval,
            ControlQueueVisibilityTimeout = settings.MessageVisibilityTimeout,
            WorkItemQueueVisibilityTimeout = settings.MessageVisibilityTimeout,
            MaxConcurrentTaskActivityWorkItems = settings.MaxConcurrentActivities,
            MaxConcurrentTaskOrchestrationWorkItems = settings.MaxConcurrentOrchestrations,
            ThrowExceptionOnInvalidDedupeStatus = true,

            // The 2 s default times out under load on a small machine, and a partition then changes hands needlessly.
            PartitionTableOperationTimeout = TimeSpan.FromSeconds(30),
            LoggerFactory = loggerFactory,
        });
        await service.CreateIfNotExistsAsync();
        var inFlight = new InFlightWork(new PersistableEventsService(service), settings.MessageVisibilityTimeout, TimeProvider.System);
        await sidecar.StartAsync(inFlight, service, loggerFactory, cancellationToken);
        _service = service;
        _inFlight = inFlight;
    }

    /// <summary>
    /// Stops taking work from the task hub and waits, at most <paramref name="grace"/>, until the work already taken has
    /// been completed and recorded (the worker is still connected). What is still running after that is taken up again
    /// by the next process once its messages become visible.
    /// </summary>
    /// <returns><see langword="true"/> when everything taken was settled in time.</returns>
    public async Task<bool> DrainAsync(TimeSpan grace, CancellationToken cancellationToken)
    {
        if (_inFlight is not { } inFlight)
        {
            return true;
        }

        sidecar.StopDispatching();
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(grace);
        try
        {
            await inFlight.WhenIdleAsync(timeout.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await sidecar.StopAsync(cancellationToken);
        _inFlight?.Dispose();
    }
}
