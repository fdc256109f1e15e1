using System.Net.Sockets;
using Mailstrom.Delivery.Routing;

namespace Mailstrom.Delivery.MtaSts;

/// <summary>
/// Opens the TCP connection for a policy fetch: the policy host's addresses come from the configured DNS (as MX hosts'
/// do), and the destination policy applies to them as to MX hosts: no non-public address is dialled unless
/// <see cref="DeliveryOptions.AllowPrivateDestinations"/> is set.
/// </summary>
internal sealed class PolicyHostConnector(IMtaStsDns dns, Func<bool> allowPrivateDestinations)
{
    /// <summary>Connects to <paramref name="context"/>'s host and port (the <see cref="SocketsHttpHandler.ConnectCallback"/>).</summary>
    /// <exception cref="HttpRequestException">The host has no (permitted) address, or no address accepted the connection.</exception>
    public async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var host = context.DnsEndPoint.Host;
        var addresses = await dns.ResolveAsync(host, cancellationToken);
        if (addresses.Count == 0)
        {
            throw new HttpRequestException($"{host} has no A or AAAA record");
        }

        var permitted = allowPrivateDestinations() ? addresses : [.. addresses.Where(DestinationPolicy.IsPublic)];
        if (permitted.Count == 0)
        {
            throw new HttpRequestException(
                $"{host} has only non-public addresses (refused by Mailstrom:Delivery:AllowPrivateDestinations=false)");
        }

        try
        {
            return await AddressDialer.ConnectFirstAsync(permitted, context.DnsEndPoint.Port, cancellationToken);
        }
        catch (SocketException last)
        {
            throw new HttpRequestException($"no address of {host} accepted a connection: {last.Message}", last);
        }
    }
}
