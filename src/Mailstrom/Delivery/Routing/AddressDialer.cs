using System.Net;
using System.Net.Sockets;

namespace Mailstrom.Delivery.Routing;

/// <summary>
/// Dials exactly the addresses it is given, in order, for an HTTP handler's connection step: the caller has already
/// applied <see cref="DestinationPolicy"/> to them, so a DNS answer that changes between that check and the connection
/// (DNS rebinding) cannot redirect it.
/// </summary>
internal static class AddressDialer
{
    /// <summary>Connects to the first of <paramref name="addresses"/> that accepts a TCP connection on <paramref name="port"/>.</summary>
    /// <param name="addresses">The permitted addresses; at least one.</param>
    /// <param name="port">The port.</param>
    /// <param name="cancellationToken">Cancels the connection.</param>
    /// <returns>The connected stream, which owns its socket.</returns>
    /// <exception cref="SocketException">No address accepted the connection (the last address's error).</exception>
    public static async ValueTask<Stream> ConnectFirstAsync(IReadOnlyList<IPAddress> addresses, int port, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfZero(addresses.Count);
        SocketException? last = null;
        foreach (var address in addresses)
        {
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, port), cancellationToken);
                return new NetworkStream(socket, ownsSocket: true);
            }
            catch (SocketException ex)
            {
                socket.Dispose();
                last = ex;
            }
            catch
            {
                socket.Dispose();
                throw;
            }
        }

        throw last!;
    }
}
