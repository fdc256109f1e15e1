using Mailstrom.Functions.Diagnostics;

namespace Mailstrom.Functions.Security;

/// <summary>Logs, once at start-up, that no function key is configured and only loopback clients will be served.</summary>
internal sealed class FunctionKeyStartupCheck(FunctionKeyVerifier verifier, ILogger<FunctionKeyStartupCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!verifier.HasKeys)
        {
            Log.NoFunctionKeysConfigured(logger);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
