using System.Net;
using System.Net.Sockets;
using Mailstrom.Delivery.Routing;

namespace Mailstrom.Webhooks.Sending;

/// <summary>
/// The private-network guard for webhook targets, as the connection step of the HTTP handler: resolves the host, keeps
/// only public addresses (unless <see cref="WebhookOptions.AllowPrivateDestinations"/>), and connects to one of exactly
/// those addresses, so a DNS answer that changes between the check and the connection (DNS rebinding) cannot redirect
/// the request.
/// </summary>
/// <param name="allowPrivate">Whether non-public addresses may be connected to.</param>
/// <param name="resolve">Resolves a host name to its addresses.</param>
internal sealed class WebhookTargetGuard(bool allowPrivate, Func<string, CancellationToken, Task<IPAddress[]>> resolve)
{
    /// <summary>The system resolver.</summary>
    public static Task<IPAddress[]> SystemResolver(string host, CancellationToken cancellationToken) =>
        Dns.GetHostAddressesAsync(host, cancellationToken);

    /// <summary>Connects to the first reachable allowed address of the request's host.</summary>
    /// <param name="context">The host and port the handler wants.</param>
    /// <param name="cancellationToken">Cancels the connection.</param>
    /// <returns>The connected stream.</returns>
    /// <exception cref="WebhookTargetRefusedException">The host has no address the guard allows.</exception>
    /// <exception cref="SocketException">No allowed address accepted the connection.</exception>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var host = context.DnsEndPoint.Host;
        var addresses = IPAddress.TryParse(host.Trim('[', ']'), out var literal) ? [literal] : await resolve(host, cancellationToken);
        var allowed = allowPrivate ? addresses : [.. addresses.Where(DestinationPolicy.IsPublic)];
        if (allowed.Length == 0)
        {
            throw new WebhookTargetRefusedException(addresses.Length == 0
                ? $"{host} has no addresses"
                : $"{host} resolves only to non-public addresses ({string.Join(", ", addresses.Take(4))}); Mailstrom:Webhooks:AllowPrivateDestinations is false");
        }

        return await AddressDialer.ConnectFirstAsync(allowed, context.DnsEndPoint.Port, cancellationToken);
    }
}

/// <summary>A webhook target refused by the private-network guard; nothing was connected to.</summary>
internal sealed class WebhookTargetRefusedException(string message) : IOException(message);
