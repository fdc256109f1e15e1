using Mailstrom.Delivery;
using Mailstrom.DependencyInjection;
using Mailstrom.Durable.Content;
using Mailstrom.Durable.TaskHub.AzureStorage;
using Mailstrom.Testing.Delivery;
using Mailstrom.Testing.Durable;
using Mailstrom.Testing.Rig;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Mailstrom.Durable.Tests.Infrastructure;

/// <summary>
/// The Durable engine as the server runs it: a task hub of its own on the rig's Azurite, served in this process by the
/// engine's gRPC server, with the delivery core replaced by a script and message content in memory.
/// </summary>
public sealed class AzuriteTaskHubEngine : IAsyncDisposable
{
    private readonly IHost _host;

    private AzuriteTaskHubEngine(IHost host, string taskHub)
    {
        _host = host;
        TaskHub = taskHub;
    }

    public string TaskHub { get; }

    public IMailstrom Mailstrom => _host.Services.GetRequiredService<IMailstrom>();

    public DurableTaskClient Client => _host.Services.GetRequiredService<DurableTaskClient>();

    /// <summary>The task hub's Durable Task service (its history reads).</summary>
    internal AzureStorageTaskHub TaskHubService => _host.Services.GetRequiredService<AzureStorageTaskHub>();

    public static async Task<AzuriteTaskHubEngine> StartAsync(ScriptedDeliveryAgent agent, Action<MailstromOptions>? configure = null)
    {
        var taskHub = $"test{Guid.NewGuid():N}"[..24];
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddFilter(_ => false);
        builder.Services.AddSingleton<IDeliveryAgent>(agent);
        builder.Services.AddSingleton<IMessageContentStore>(new MemoryContentStore());
        builder.Services.AddMailstrom(o =>
            {
                o.HeloName = "mailstrom.test";
                o.Retry.InitialDelay = TimeSpan.FromSeconds(1);
                o.Retry.MaxDelay = TimeSpan.FromSeconds(2);
                o.Retry.JitterFactor = 0;
                configure?.Invoke(o);
            })
            .UseDurableTask(d =>
            {
                d.ConnectionString = RigEnvironment.Current.Get("AZURITE_CONNECTION_STRING");
                // The rig's Azurite outlives test runs: a shared list would still hold the addresses an earlier run's
                // rejections suppressed, and refuse them here without an attempt.
                d.SuppressionContainer = $"suppressions-{taskHub}";
            })
            .UseAzureStorageTaskHub(hub =>
            {
                hub.TaskHub = taskHub;
                hub.WorkerId = taskHub;
                hub.MaxPollingInterval = TimeSpan.FromMilliseconds(500);
            });
        var host = builder.Build();
        await host.StartAsync();
        return new AzuriteTaskHubEngine(host, taskHub);
    }

    public async Task WaitUntilTerminalAsync(string id, TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: false, timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
    }
}
