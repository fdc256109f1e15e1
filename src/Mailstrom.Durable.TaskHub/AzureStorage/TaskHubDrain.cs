using Mailstrom.Delivery;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mailstrom.Durable.TaskHub.AzureStorage;

/// <summary>
/// The first thing to stop on shutdown (registered after the Durable Task worker): the task hub stops handing out work,
/// and deliveries in flight get <c>Mailstrom:Delivery:ShutdownGracePeriod</c> to finish and be recorded while the worker
/// is still connected, so a graceful stop repeats no attempt.
/// </summary>
internal sealed partial class TaskHubDrain(AzureStorageTaskHub hub, IOptions<DeliveryOptions> options, ILogger<TaskHubDrain> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        var grace = options.Value.ShutdownGracePeriod;
        if (!await hub.DrainAsync(grace, cancellationToken))
        {
            LogNotDrained(logger, grace);
        }
    }

    [LoggerMessage(3100, LogLevel.Warning,
        "Work taken from the task hub was still running {Grace} after shutdown began; it will be taken up again by the next process")]
    private static partial void LogNotDrained(ILogger logger, TimeSpan grace);
}
