using System.Net;
using System.Net.Sockets;

namespace Mailstrom.Testing.Processes;

/// <summary>Ports on the loopback interface, for servers the tests start.</summary>
public static class LoopbackPorts
{
    /// <summary>A TCP port free on 127.0.0.1 now (the system picks it).</summary>
    /// <returns>The port.</returns>
    public static int Free()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>Whether a TCP connection to <paramref name="address"/>:<paramref name="port"/> succeeds within a second.</summary>
    /// <param name="address">The address.</param>
    /// <param name="port">The port.</param>
    /// <returns><see langword="true"/> when something listens there.</returns>
    public static async Task<bool> AcceptsConnectionsAsync(IPAddress address, int port)
    {
        using var client = new TcpClient();
        try
        {
            await client.ConnectAsync(address, port).WaitAsync(TimeSpan.FromSeconds(1));
            return true;
        }
        catch (Exception ex) when (ex is SocketException or TimeoutException)
        {
            return false;
        }
    }
}
