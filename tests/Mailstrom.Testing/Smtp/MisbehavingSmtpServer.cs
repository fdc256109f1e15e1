using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Mailstrom.Testing.Smtp;

/// <summary>How a <see cref="MisbehavingSmtpServer"/> breaks the protocol.</summary>
public enum SmtpMisbehavior
{
    /// <summary>Accepts the connection and never sends a byte (no greeting).</summary>
    SilentAfterAccept,

    /// <summary>Greets, reads EHLO, then never sends another byte.</summary>
    SilentAfterEhlo,

    /// <summary>Greets, then answers EHLO with <c>250-</c> continuation lines that never end.</summary>
    EndlessEhloReply,

    /// <summary>Behaves until MAIL FROM, then answers it with <c>250-</c> continuation lines that never end.</summary>
    EndlessMailFromReply,

    /// <summary>Sends a 100 KB greeting line without CRLF, then stays silent.</summary>
    LongGreetingLineThenSilence,

    /// <summary>Sends a greeting line that never ends (no CRLF, ever).</summary>
    EndlessGreetingLine,

    /// <summary>Offers STARTTLS, answers it with 220, then sends garbage instead of a TLS handshake and closes.</summary>
    StartTlsThenGarbage,

    /// <summary>Offers STARTTLS, answers it with 220, then closes the connection.</summary>
    StartTlsThenClose,

    /// <summary>Offers STARTTLS, answers it with 220, then never sends the handshake.</summary>
    StartTlsThenSilence,

    /// <summary>Behaves until MAIL FROM, then drips its reply one byte every 200 ms: always inside any command timeout.</summary>
    DripMailFromReply,
}

/// <summary>
/// An SMTP server on a loopback address that misbehaves in one chosen way (<see cref="SmtpMisbehavior"/>), for proving
/// the client ends in bounded time and memory. It records the client's lines and counts the bytes it sent; an endless
/// reply stops after <see cref="SendCap"/> bytes so a client without a bound cannot exhaust the test process.
/// </summary>
public sealed class MisbehavingSmtpServer : IAsyncDisposable
{
    /// <summary>The most bytes one endless reply sends before the server gives up (a safety net for the test process).</summary>
    public const long SendCap = 256L * 1024 * 1024;

    private static readonly byte[] Continuation = Encoding.ASCII.GetBytes(
        "250-" + new string('x', 72) + "\r\n");

    private readonly TcpListener _listener;
    private readonly SmtpMisbehavior _behavior;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<Task> _sessions = [];
    private readonly Lock _lock = new();
    private readonly List<string> _clientLines = [];
    private readonly Task _acceptLoop;
    private long _bytesSent;
    private int _connections;

    private MisbehavingSmtpServer(IPEndPoint endpoint, SmtpMisbehavior behavior)
    {
        _behavior = behavior;
        _listener = new TcpListener(endpoint);
        _listener.Start();
        EndPoint = (IPEndPoint)_listener.LocalEndpoint;
        _acceptLoop = AcceptLoopAsync();
    }

    /// <summary>Where the server listens.</summary>
    public IPEndPoint EndPoint { get; }

    /// <summary>How many connections were accepted.</summary>
    public int ConnectionCount => Volatile.Read(ref _connections);

    /// <summary>How many bytes the server managed to send, over all connections.</summary>
    public long BytesSent => Interlocked.Read(ref _bytesSent);

    /// <summary>The lines the client sent, in order.</summary>
    public IReadOnlyList<string> ClientLines
    {
        get
        {
            lock (_lock)
            {
                return [.. _clientLines];
            }
        }
    }

    /// <summary>Starts a server on <paramref name="address"/> and <paramref name="port"/> (0 = any free port).</summary>
    public static MisbehavingSmtpServer Start(IPAddress address, int port, SmtpMisbehavior behavior) =>
        new(new IPEndPoint(address, port), behavior);

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        try
        {
            await _acceptLoop;
        }
        catch (Exception ex) when (ex is OperationCanceledException or SocketException or ObjectDisposedException)
        {
        }

        Task[] sessions;
        lock (_lock)
        {
            sessions = [.. _sessions];
        }

        await Task.WhenAll(sessions);
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            Interlocked.Increment(ref _connections);
            lock (_lock)
            {
                _sessions.Add(Task.Run(() => SessionAsync(client)));
            }
        }
    }

    private async Task SessionAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                await using var stream = client.GetStream();
                await RunAsync(stream, _stop.Token);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // The client gave up (the point of every script) or the server is stopping.
            }
        }
    }

    private async Task RunAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var lines = new LineReader(stream);
        switch (_behavior)
        {
            case SmtpMisbehavior.SilentAfterAccept:
                await WaitForCloseAsync(stream, cancellationToken);
                return;
            case SmtpMisbehavior.LongGreetingLineThenSilence:
                await SendAsync(stream, "220 " + new string('g', 100 * 1024), cancellationToken, crlf: false);
                await WaitForCloseAsync(stream, cancellationToken);
                return;
            case SmtpMisbehavior.EndlessGreetingLine:
                await SendAsync(stream, "220 ", cancellationToken, crlf: false);
                await SendEndlessAsync(stream, Encoding.ASCII.GetBytes(new string('g', 4096)), cancellationToken);
                return;
        }

        await SendAsync(stream, "220 misbehaving.mailstrom.test ESMTP", cancellationToken);
        while (await lines.ReadLineAsync(cancellationToken) is { } line)
        {
            Record(line);
            var verb = line.Split(' ', 2)[0].ToUpperInvariant();
            switch (verb, _behavior)
            {
                case ("EHLO", SmtpMisbehavior.SilentAfterEhlo):
                    await WaitForCloseAsync(stream, cancellationToken);
                    return;
                case ("EHLO", SmtpMisbehavior.EndlessEhloReply):
                    await SendEndlessAsync(stream, Continuation, cancellationToken);
                    return;
                case ("EHLO", SmtpMisbehavior.StartTlsThenGarbage or SmtpMisbehavior.StartTlsThenClose or SmtpMisbehavior.StartTlsThenSilence):
                    await SendAsync(stream, "250-misbehaving.mailstrom.test\r\n250-8BITMIME\r\n250 STARTTLS", cancellationToken);
                    break;
                case ("EHLO", _):
                    await SendAsync(stream, "250-misbehaving.mailstrom.test\r\n250-8BITMIME\r\n250 ENHANCEDSTATUSCODES", cancellationToken);
                    break;
                case ("STARTTLS", _):
                    await SendAsync(stream, "220 2.0.0 Ready to start TLS", cancellationToken);
                    if (_behavior == SmtpMisbehavior.StartTlsThenGarbage)
                    {
                        // Not a TLS record: a TLS client must refuse it at once.
                        await SendAsync(stream, "this is not a TLS server hello " + new string('#', 200), cancellationToken);
                    }
                    else if (_behavior == SmtpMisbehavior.StartTlsThenSilence)
                    {
                        await WaitForCloseAsync(stream, cancellationToken);
                    }

                    return;
                case ("MAIL", SmtpMisbehavior.EndlessMailFromReply):
                    await SendEndlessAsync(stream, Continuation, cancellationToken);
                    return;
                case ("MAIL", SmtpMisbehavior.DripMailFromReply):
                    await DripAsync(stream, cancellationToken);
                    return;
                case ("QUIT", _):
                    await SendAsync(stream, "221 2.0.0 Bye", cancellationToken);
                    return;
                default:
                    await SendAsync(stream, "250 2.0.0 Ok", cancellationToken);
                    break;
            }
        }
    }

    private void Record(string line)
    {
        lock (_lock)
        {
            _clientLines.Add(line);
        }
    }

    private async Task SendAsync(NetworkStream stream, string text, CancellationToken cancellationToken, bool crlf = true)
    {
        var bytes = Encoding.ASCII.GetBytes(crlf ? text + "\r\n" : text);
        await stream.WriteAsync(bytes, cancellationToken);
        Interlocked.Add(ref _bytesSent, bytes.Length);
    }

    private async Task DripAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        // "250-" then one byte at a time, never a line end, for at most ten minutes.
        await SendAsync(stream, "250-", cancellationToken, crlf: false);
        var drop = new[] { (byte)'d' };
        for (var i = 0; i < 3000; i++)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
            await stream.WriteAsync(drop, cancellationToken);
            Interlocked.Increment(ref _bytesSent);
        }
    }

    private async Task SendEndlessAsync(NetworkStream stream, byte[] unit, CancellationToken cancellationToken)
    {
        // Batch units into one buffer so the loop is cheap; stop at the cap (the client has no bound if it gets there).
        var batch = new byte[unit.Length * Math.Max(1, 16384 / unit.Length)];
        for (var i = 0; i + unit.Length <= batch.Length; i += unit.Length)
        {
            unit.CopyTo(batch, i);
        }

        for (long sent = 0; sent < SendCap; sent += batch.Length)
        {
            await stream.WriteAsync(batch, cancellationToken);
            Interlocked.Add(ref _bytesSent, batch.Length);
        }
    }

    private static async Task WaitForCloseAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        // Read (and ignore) until the client closes: the server never answers.
        var buffer = new byte[1024];
        while (await stream.ReadAsync(buffer, cancellationToken) > 0)
        {
        }
    }

    /// <summary>Reads CRLF-terminated ASCII lines byte by byte, so no bytes after a line are consumed early.</summary>
    private sealed class LineReader(NetworkStream stream)
    {
        private readonly byte[] _one = new byte[1];

        public async Task<string?> ReadLineAsync(CancellationToken cancellationToken)
        {
            var line = new StringBuilder();
            while (line.Length < 4096)
            {
                if (await stream.ReadAsync(_one, cancellationToken) == 0)
                {
                    return null;
                }

                if (_one[0] == '\n')
                {
                    return line.ToString().TrimEnd('\r');
                }

                line.Append((char)_one[0]);
            }

            return line.ToString();
        }
    }
}
