using DurableTask.Core;
using Grpc.Net.Client;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Mailstrom.Durable.TaskHub.Sidecar;

/// <summary>
/// The Durable Task gRPC server of this process: its own small web host, listening only on a Unix domain socket (never
/// on a network port), dispatching the task hub's work to the Durable Task worker connected through
/// <see cref="Channel"/>. The socket lives in the temporary directory and is readable by this user only.
/// </summary>
internal sealed class TaskHubSidecar : IAsyncDisposable
{
    private WebApplication? _server;

    public TaskHubSidecar()
    {
        SocketPath = Path.Combine(Path.GetTempPath(), $"mailstrom-taskhub-{Environment.ProcessId}-{Guid.NewGuid():N}.sock");
        Channel = UnixSocketChannel.Create(SocketPath);
    }

    /// <summary>Where the server listens.</summary>
    public string SocketPath { get; }

    /// <summary>The channel the worker and the client use; it connects on first use.</summary>
    public GrpcChannel Channel { get; }

    /// <summary>Starts the server over <paramref name="service"/> (dispatch) and <paramref name="client"/> (API).</summary>
    public async Task StartAsync(IOrchestrationService service, IOrchestrationServiceClient client, ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        File.Delete(SocketPath);
        // An empty builder: no configuration sources, so nothing meant for the application (URLs, Kestrel endpoints,
        // appsettings) reaches this server. Its logs go to the application's logger factory, except this inner host's
        // own start and stop notices, which would read as the application's.
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions { ApplicationName = typeof(TaskHubSidecar).Assembly.GetName().Name });
        builder.Logging.AddProvider(new ForwardingLoggerProvider(loggerFactory));
        builder.Logging.AddFilter("Microsoft.Hosting", LogLevel.None);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.ListenUnixSocket(SocketPath, listen => listen.Protocols = HttpProtocols.Http2));
        builder.Services.AddRouting();
        builder.Services.AddGrpc(grpc =>
        {
            grpc.MaxReceiveMessageSize = UnixSocketChannel.MaxMessageBytes;
            grpc.MaxSendMessageSize = UnixSocketChannel.MaxMessageBytes;
        });
        builder.Services.AddSingleton(service);
        builder.Services.AddSingleton(client);
        builder.Services.AddSingleton<TaskHubGrpcServer>();
        var server = builder.Build();
        server.MapGrpcService<TaskHubGrpcServer>();
        await server.StartAsync(cancellationToken);
        if (!OperatingSystem.IsWindows())
        {
            File.SetUnixFileMode(SocketPath, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        _server = server;
    }

    /// <summary>Stops handing out work (the server keeps serving, so work already handed out can still be completed).</summary>
    public void StopDispatching() => _server?.Lifetime.StopApplication();

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_server is { } server)
        {
            await server.StopAsync(cancellationToken);
        }
    }

    public async ValueTask DisposeAsync()
    {
        Channel.Dispose();
        if (_server is { } server)
        {
            await server.DisposeAsync();
        }

        File.Delete(SocketPath);
    }
}
