using System.Net.Sockets;
using Grpc.Net.Client;

namespace Mailstrom.Durable.TaskHub.Sidecar;

/// <summary>A gRPC channel over a Unix domain socket: the worker and client reach the task hub server without a TCP port.</summary>
internal static class UnixSocketChannel
{
    /// <summary>The most bytes one gRPC message may carry either way (orchestration inputs of large emails).</summary>
    public const int MaxMessageBytes = 64 * 1024 * 1024;

    public static GrpcChannel Create(string socketPath)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (_, cancellationToken) =>
            {
                var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                try
                {
                    await socket.ConnectAsync(new UnixDomainSocketEndPoint(socketPath), cancellationToken);
                    return new NetworkStream(socket, ownsSocket: true);
                }
                catch
                {
                    socket.Dispose();
                    throw;
                }
            },
        };
        return GrpcChannel.ForAddress("http://localhost", new GrpcChannelOptions
        {
            HttpHandler = handler,
            MaxReceiveMessageSize = MaxMessageBytes,
            MaxSendMessageSize = MaxMessageBytes,
        });
    }
}
