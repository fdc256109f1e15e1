using System.Net;
using System.Net.Sockets;

namespace Mailstrom.Delivery.Smtp;

/// <summary>Opens a TCP connection to one address within a connect timeout.</summary>
internal static class SocketConnector
{
    /// <summary>Connects, or returns why not; only the caller's cancellation throws.</summary>
    internal static async Task<(Socket? Socket, string? Error)> ConnectAsync(
        IPEndPoint endpoint, TimeSpan timeout, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            using var timeoutSource = new CancellationTokenSource(timeout, timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeoutSource.Token);
            await socket.ConnectAsync(endpoint, linked.Token);
            return (socket, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            return (null, $"timed out after {timeout.TotalSeconds:0.###} s");
        }
        catch (SocketException ex)
        {
            socket.Dispose();
            return (null, $"{ex.SocketErrorCode} ({ex.Message})");
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
