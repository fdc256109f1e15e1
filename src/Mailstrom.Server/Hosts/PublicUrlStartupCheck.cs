using Mailstrom.Http.Links;
using Mailstrom.Server.Diagnostics;

namespace Mailstrom.Server.Hosts;

/// <summary>
/// Warns once at start-up when every host is allowed (<c>AllowedHosts</c> is <c>*</c>) and no public base URL is set:
/// the returned URLs then carry whatever <c>Host</c> a client sends.
/// </summary>
internal sealed class PublicUrlStartupCheck(PublicOrigin origin, ILogger<PublicUrlStartupCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (origin.AllowsAnyHost && origin.PublicBaseUrl is null)
        {
            Log.AnyHostWithoutPublicBaseUrl(logger);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
