using Microsoft.Extensions.Logging;

namespace Mailstrom.Durable.TaskHub.Sidecar;

/// <summary>Hands the gRPC server's loggers to the application's logger factory, so its logs follow the application's settings.</summary>
internal sealed class ForwardingLoggerProvider(ILoggerFactory application) : ILoggerProvider
{
    public ILogger CreateLogger(string categoryName) => application.CreateLogger(categoryName);

    public void Dispose()
    {
        // The application owns its logger factory.
    }
}
