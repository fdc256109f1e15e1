using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Mailstrom.Server.Tests.Hostile;

/// <summary>What a server answered on a raw connection: status line, header fields and the de-chunked body.</summary>
/// <param name="Status">The status code.</param>
/// <param name="Headers">The header fields, in the order received.</param>
/// <param name="Body">The body bytes (de-chunked).</param>
internal sealed record RawHttpResponse(int Status, IReadOnlyList<KeyValuePair<string, string>> Headers, byte[] Body)
{
    public string BodyText => Encoding.UTF8.GetString(Body);

    /// <summary>The first value of a header field, or <see langword="null"/>.</summary>
    public string? Header(string name) =>
        Headers.FirstOrDefault(h => h.Key.Equals(name, StringComparison.OrdinalIgnoreCase)).Value;
}

/// <summary>
/// A TCP connection to a server on loopback that sends exactly the bytes a test gives it (no client-side validation,
/// framing or header rules) and reads HTTP/1.1 responses back. Every read is bounded by the caller's token.
/// </summary>
internal sealed class RawHttpConnection : IAsyncDisposable
{
    private readonly Socket _socket;
    private readonly NetworkStream _stream;
    private readonly byte[] _buffer = new byte[16 * 1024];
    private int _start;
    private int _end;

    private RawHttpConnection(Socket socket)
    {
        _socket = socket;
        _stream = new NetworkStream(socket, ownsSocket: false);
    }

    /// <summary>Connects to <paramref name="endpoint"/>, which must be on 127.0.0.0/8.</summary>
    public static async Task<RawHttpConnection> OpenAsync(IPEndPoint endpoint, CancellationToken cancellationToken)
    {
        Assert.True(IPAddress.IsLoopback(endpoint.Address), $"{endpoint} is not a loopback address");
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            await socket.ConnectAsync(endpoint, cancellationToken);
            return new RawHttpConnection(socket);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }

    /// <summary>Sends one request (or part of one) and reads the answer; <see langword="null"/> when the server closed without one.</summary>
    public static async Task<RawHttpResponse?> ExchangeAsync(IPEndPoint endpoint, byte[] request, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(endpoint, cancellationToken);
        await connection.SendAsync(request, cancellationToken);
        return await connection.ReadResponseAsync(cancellationToken);
    }

    /// <summary>Writes bytes as they are.</summary>
    public async Task SendAsync(ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken)
    {
        await _stream.WriteAsync(bytes, cancellationToken);
        await _stream.FlushAsync(cancellationToken);
    }

    /// <summary>Closes the connection at once with a TCP reset, as a client that crashed.</summary>
    public void Reset()
    {
        _socket.LingerState = new LingerOption(enable: true, seconds: 0);
        _socket.Close();
    }

    /// <summary>Closes the connection gracefully (FIN), as a client that gave up.</summary>
    public void Close() => _socket.Close();

    /// <summary>
    /// Reads the next final response (skipping <c>100 Continue</c>), or <see langword="null"/> when the server closes the
    /// connection (or resets it) before a status line arrives.
    /// </summary>
    public async Task<RawHttpResponse?> ReadResponseAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var head = await ReadHeadAsync(cancellationToken);
            if (head is null)
            {
                return null;
            }

            var lines = head.Split("\r\n");
            var statusLine = lines[0].Split(' ', 3);
            Assert.True(statusLine.Length >= 2 && statusLine[0].StartsWith("HTTP/1.", StringComparison.Ordinal), $"not a status line: {lines[0]}");
            var status = int.Parse(statusLine[1], CultureInfo.InvariantCulture);
            var headers = lines.Skip(1)
                .Select(l => l.Split(':', 2))
                .Select(p => new KeyValuePair<string, string>(p[0], p.Length > 1 ? p[1].Trim() : string.Empty))
                .ToList();
            if (status is >= 100 and < 200)
            {
                continue;
            }

            var response = new RawHttpResponse(status, headers, []);
            var length = response.Header("Content-Length");
            byte[] body;
            if (status is 204 or 304)
            {
                body = [];
            }
            else if (length is not null)
            {
                body = await ReadExactlyAsync(int.Parse(length, CultureInfo.InvariantCulture), cancellationToken);
            }
            else if (response.Header("Transfer-Encoding") is { } coding && coding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
            {
                body = await ReadChunkedAsync(cancellationToken);
            }
            else
            {
                body = await ReadToEndAsync(cancellationToken);
            }

            return response with { Body = body };
        }
    }

    /// <summary>Whether the server has closed the connection: a read returns end of stream (or a reset) before the token fires.</summary>
    public async Task<bool> IsClosedByServerAsync(CancellationToken cancellationToken)
    {
        try
        {
            return _start == _end && await FillAsync(cancellationToken) == 0;
        }
        catch (IOException)
        {
            return true;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stream.DisposeAsync();
        _socket.Dispose();
    }

    private async Task<string?> ReadHeadAsync(CancellationToken cancellationToken)
    {
        var head = new MemoryStream();
        var matched = 0;
        while (true)
        {
            if (_start == _end)
            {
                int read;
                try
                {
                    read = await FillAsync(cancellationToken);
                }
                catch (IOException) when (head.Length == 0)
                {
                    return null;
                }

                if (read == 0)
                {
                    Assert.True(head.Length == 0, "the server closed the connection inside a response head");
                    return null;
                }
            }

            var b = _buffer[_start++];
            head.WriteByte(b);
            matched = (matched, b) switch
            {
                (0 or 2, (byte)'\r') => matched + 1,
                (1 or 3, (byte)'\n') => matched + 1,
                (_, (byte)'\r') => 1,
                _ => 0,
            };
            if (matched == 4)
            {
                return Encoding.Latin1.GetString(head.GetBuffer(), 0, (int)head.Length - 4);
            }
        }
    }

    private async Task<byte[]> ReadChunkedAsync(CancellationToken cancellationToken)
    {
        var body = new MemoryStream();
        while (true)
        {
            var sizeLine = await ReadLineAsync(cancellationToken);
            var size = int.Parse(sizeLine.Split(';')[0].Trim(), NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                while ((await ReadLineAsync(cancellationToken)).Length > 0)
                {
                }

                return body.ToArray();
            }

            body.Write(await ReadExactlyAsync(size, cancellationToken));
            Assert.Equal(string.Empty, await ReadLineAsync(cancellationToken));
        }
    }

    private async Task<string> ReadLineAsync(CancellationToken cancellationToken)
    {
        var line = new StringBuilder();
        while (true)
        {
            var b = (await ReadExactlyAsync(1, cancellationToken))[0];
            if (b == '\n' && line.Length > 0 && line[^1] == '\r')
            {
                return line.ToString(0, line.Length - 1);
            }

            line.Append((char)b);
        }
    }

    private async Task<byte[]> ReadExactlyAsync(int count, CancellationToken cancellationToken)
    {
        var result = new byte[count];
        var filled = 0;
        while (filled < count)
        {
            if (_start == _end && await FillAsync(cancellationToken) == 0)
            {
                throw new EndOfStreamException($"the server closed the connection after {filled} of {count} bytes");
            }

            var n = Math.Min(count - filled, _end - _start);
            Buffer.BlockCopy(_buffer, _start, result, filled, n);
            _start += n;
            filled += n;
        }

        return result;
    }

    private async Task<byte[]> ReadToEndAsync(CancellationToken cancellationToken)
    {
        var body = new MemoryStream();
        try
        {
            do
            {
                body.Write(_buffer, _start, _end - _start);
                _start = _end;
            }
            while (await FillAsync(cancellationToken) > 0);
        }
        catch (IOException)
        {
        }

        return body.ToArray();
    }

    private async Task<int> FillAsync(CancellationToken cancellationToken)
    {
        _start = 0;
        _end = await _stream.ReadAsync(_buffer, cancellationToken);
        return _end;
    }
}
