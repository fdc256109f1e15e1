using Mailstrom.Durable.Client;
using Mailstrom.Storage;
using Mailstrom.Durable.TaskHub;
using Mailstrom.Durable.TaskHub.AzureStorage;
using Mailstrom.Durable.TaskHub.Sidecar;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Mailstrom.DependencyInjection;

/// <summary>Registration of a task hub hosted in this process, for the Durable engine outside the Functions host.</summary>
public static class TaskHubMailstromBuilderExtensions
{
    /// <summary>
    /// Uses the Durable engine (<see cref="DurableMailstromBuilderExtensions.UseDurableTask"/>) on an Azure Storage task
    /// hub served by this process: a Durable Task gRPC server (from the preview InProcessTestHost package) over
    /// DurableTask.AzureStorage, and a Durable Task worker running the engine's orchestrator and activity. Processes with
    /// the same connection string and task hub share the work. Settings bind from <c>Mailstrom:Durable</c>. Calling this
    /// more than once is safe.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddMailstrom()</c>.</param>
    /// <param name="configure">Adjusts the task hub settings after binding.</param>
    /// <param name="deliver">Whether this process also delivers (runs the engine's worker); without it the process only
    /// accepts, reports and manages emails while others deliver.</param>
    /// <returns>The same builder.</returns>
    public static IMailstromBuilder UseAzureStorageTaskHub(this IMailstromBuilder builder, Action<TaskHubOptions>? configure = null, bool deliver = true)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        builder.UseDurableTask();

        // The backlog gauges read the running instances through this process's client (UseDurableTask, which clears
        // the previous engine's backlog, runs on every call, so this does too).
        services.AddSingleton<IDeliveryBacklog>(sp => new DurableBacklog(sp.GetRequiredService<DurableTaskClient>()));
        var options = services.AddOptions<TaskHubOptions>().BindConfiguration(TaskHubOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        if (services.Any(d => d.ServiceType == typeof(TaskHubSidecar)))
        {
            return builder;
        }

        var sidecar = new TaskHubSidecar();
        services.AddSingleton(sidecar);
        services.TryAddSingleton<AzureStorageTaskHub>();

        // Before the worker's hosted service: the server is up when the worker connects, and stops after it.
        services.AddHostedService(sp => sp.GetRequiredService<AzureStorageTaskHub>());
        if (deliver)
        {
            services.AddDurableTaskWorker(worker =>
            {
                worker.AddTasks(tasks => tasks.AddMailstromTasks());
                worker.UseGrpc(sidecar.Channel);
            });
            services.AddOptions<DurableTaskWorkerOptions>(Options.DefaultName).Configure<IOptions<TaskHubOptions>>((worker, hub) =>
            {
                worker.Concurrency.MaximumConcurrentActivityWorkItems = hub.Value.MaxConcurrentActivities;
                worker.Concurrency.MaximumConcurrentOrchestrationWorkItems = hub.Value.MaxConcurrentOrchestrations;
            });
        }

        services.AddDurableTaskClient(client => client.UseGrpc(sidecar.Channel));

        // After the worker's hosted service, so it stops first: the hub stops handing out work and what is in flight
        // is recorded while the worker is still connected.
        services.AddHostedService<TaskHubDrain>();
        return builder;
    }
}
