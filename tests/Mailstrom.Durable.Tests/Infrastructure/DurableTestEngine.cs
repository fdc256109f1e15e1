using Mailstrom.Delivery;
using Mailstrom.DependencyInjection;
using Mailstrom.Durable.Content;
using Mailstrom.Model;
using Mailstrom.Testing.Delivery;
using Mailstrom.Testing.Durable;
using Mailstrom.Testing.Processes;
using Mailstrom.Testing.Suppression;
using Mailstrom.Suppression;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Mailstrom.Durable.Tests.Infrastructure;

/// <summary>
/// The Durable engine on Durable Task's in-process test host: the real orchestrator, activity, client and
/// <see cref="IMailstrom"/>, with the delivery core replaced by a script (or by the caller's services) and message
/// content and the suppression list kept in memory. Retries are seconds apart instead of minutes, without jitter.
/// </summary>
public sealed class DurableTestEngine : IAsyncDisposable
{
    private readonly DurableTaskTestHost _host;

    private DurableTestEngine(DurableTaskTestHost host, int port, ScriptedDeliveryAgent? agent, MemoryContentStore content, MemorySuppressionList suppressions)
    {
        Suppressions = suppressions;
        _host = host;
        Port = port;
        Agent = agent;
        Content = content;
    }

    public ScriptedDeliveryAgent? Agent { get; }

    public MemoryContentStore Content { get; }

    /// <summary>The suppression list, in memory.</summary>
    public MemorySuppressionList Suppressions { get; }

    /// <summary>The loopback port of the test host's gRPC server.</summary>
    public int Port { get; }

    public DurableTaskClient Client => _host.Client;

    public IMailstrom Mailstrom => _host.Services.GetRequiredService<IMailstrom>();

    public IServiceProvider Services => _host.Services;

    public static Task<DurableTestEngine> StartAsync(ScriptedDeliveryAgent agent, Action<MailstromOptions>? configure = null) =>
        StartAsync(configure, services => services.AddSingleton<IDeliveryAgent>(agent), agent);

    public static async Task<DurableTestEngine> StartAsync(
        Action<MailstromOptions>? configure, Action<IServiceCollection> services, ScriptedDeliveryAgent? agent = null)
    {
        var content = new MemoryContentStore();
        var suppressions = new MemorySuppressionList();
        var port = LoopbackPorts.Free();
        var host = await DurableTaskTestHost.StartAsync(
            tasks => tasks.AddMailstromTasks(),
            new DurableTaskTestHostOptions
            {
                Port = port,
                ConfigureServices = s =>
                {
                    s.AddSingleton<IMessageContentStore>(content);
                    s.AddSingleton<ISuppressionList>(suppressions);
                    services(s);
                    s.AddMailstrom(o =>
                    {
                        o.HeloName = "mailstrom.test";
                        o.Retry.InitialDelay = TimeSpan.FromSeconds(1);
                        o.Retry.MaxDelay = TimeSpan.FromSeconds(2);
                        o.Retry.JitterFactor = 0;
                        configure?.Invoke(o);
                    }).UseDurableTask(d => d.ConnectionString = "UseDevelopmentStorage=true");
                },
            });
        return new DurableTestEngine(host, port, agent, content, suppressions);
    }

    /// <summary>An email from sender@example.org to <paramref name="to"/>.</summary>
    public static EmailRequest Email(params string[] to) => new()
    {
        From = "sender@example.org",
        To = to,
        Subject = "Durable",
        Text = "Hello from the Durable engine.",
    };

    /// <summary>Waits (on the task hub's completion notice, not by polling) until the email is terminal, and returns its status.</summary>
    public async Task<EmailStatus> WaitUntilTerminalAsync(string id, TimeSpan within)
    {
        using var timeout = new CancellationTokenSource(within);
        await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: false, timeout.Token);
        return await Mailstrom.GetStatusAsync(id) ?? throw new InvalidOperationException($"email {id} has no status");
    }

    public ValueTask DisposeAsync() => _host.DisposeAsync();
}
