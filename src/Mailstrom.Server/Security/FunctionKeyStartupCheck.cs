using Mailstrom.Server.Configuration;
using Mailstrom.Server.Diagnostics;

namespace Mailstrom.Server.Security;

/// <summary>
/// Logs, once at start-up, that no function key is configured (only loopback clients will be served), or that some
/// configured keys are short enough to guess.
/// </summary>
internal sealed class FunctionKeyStartupCheck(
    FunctionKeyVerifier verifier,
    ILogger<FunctionKeyStartupCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!verifier.HasKeys)
        {
            Log.NoFunctionKeysConfigured(logger);
        }

        if (verifier.ShortKeyCount > 0)
        {
            Log.ShortFunctionKeys(logger, verifier.ShortKeyCount, ApiOptionsValidator.RecommendedMinKeyLength);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
