using Mailstrom.Functions.Configuration;
using Mailstrom.DependencyInjection;
using Mailstrom.Functions.Diagnostics;
using Mailstrom.Functions.FunctionsHost;
using Microsoft.Extensions.Options;

namespace Mailstrom.Functions.Security;

/// <summary>
/// Logs, once at start-up, that no function key is configured (only loopback clients will be served), or that some
/// configured keys are short enough to guess; as a custom handler, that the Functions host checks the keys.
/// </summary>
internal sealed class FunctionKeyStartupCheck(
    FunctionKeyVerifier verifier,
    FunctionsHostContext functionsHost,
    IOptions<MailstromOptions> options,
    ILogger<FunctionKeyStartupCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (functionsHost.IsCustomHandler)
        {
            Log.CustomHandlerMode(logger, functionsHost.Port, options.Value.Delivery.EnableWorker
                ? "; Mailstrom's own delivery worker is on"
                : "; work messages are dequeued by the host's queue trigger (the delivery worker is off)");
            if (verifier.HasKeys)
            {
                Log.FunctionKeysIgnored(logger);
            }

            return Task.CompletedTask;
        }

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
