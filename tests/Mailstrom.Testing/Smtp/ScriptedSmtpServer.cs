using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Mailstrom.Testing.Smtp;

/// <summary>
/// A small SMTP server on a loopback address for faults real servers cannot produce: mixed per-RCPT replies, a drop in
/// the middle of DATA, "fail on the first connection, accept later". Plaintext only; records a transcript and every
/// accepted message.
/// </summary>
public sealed class ScriptedSmtpServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly ScriptedSmtpBehavior _behavior;
    private readonly CancellationTokenSource _stop = new();
    private readonly ConcurrentQueue<string> _transcript = new();
    private readonly ConcurrentQueue<ReceivedSmtpMessage> _messages = new();
    private readonly ConcurrentBag<Task> _sessions = [];
    private readonly Task _acceptLoop;
    private int _connections;

    private ScriptedSmtpServer(IPEndPoint endpoint, ScriptedSmtpBehavior behavior)
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

    /// <summary>Every line exchanged, prefixed <c>C: </c> (client) or <c>S: </c> (server); message data is not included.</summary>
    public IReadOnlyList<string> Transcript => [.. _transcript];

    /// <summary>The messages the server accepted (2xx after DATA).</summary>
    public IReadOnlyList<ReceivedSmtpMessage> Messages => [.. _messages];

    /// <summary>Starts a server on <paramref name="address"/> and <paramref name="port"/> (0 = any free port).</summary>
    public static ScriptedSmtpServer Start(IPAddress address, int port, ScriptedSmtpBehavior? behavior = null) =>
        new(new IPEndPoint(address, port), behavior ?? new ScriptedSmtpBehavior());

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

        await Task.WhenAll(_sessions);
        _stop.Dispose();
    }

    private async Task AcceptLoopAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stop.Token);
            var number = Interlocked.Increment(ref _connections);
            _sessions.Add(Task.Run(() => SessionAsync(client, number)));
        }
    }

    private async Task SessionAsync(TcpClient client, int connection)
    {
        using (client)
        {
            try
            {
                await using var stream = client.GetStream();
                using var reader = new StreamReader(stream, new UTF8Encoding(false), false, 4096, leaveOpen: true);
                await RunAsync(stream, reader, connection, _stop.Token);
            }
            catch (Exception ex) when (ex is IOException or OperationCanceledException or SocketException or ObjectDisposedException)
            {
                // The client went away (or the server is stopping): nothing more to record.
            }
        }
    }

    private async Task RunAsync(NetworkStream stream, StreamReader reader, int connection, CancellationToken cancellationToken)
    {
        await SendAsync(stream, _behavior.Greeting, cancellationToken);
        if (!_behavior.Greeting.StartsWith('2'))
        {
            return;
        }

        string? mailFrom = null;
        var recipients = new List<string>();
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            _transcript.Enqueue("C: " + line);
            var verb = line.Split(' ', 2)[0].ToUpperInvariant();
            switch (verb)
            {
                case "EHLO":
                    var lines = new List<string> { "scripted.mailstrom.test", "ENHANCEDSTATUSCODES", "SIZE 10485760" };
                    if (_behavior.EightBitMime)
                    {
                        lines.Add("8BITMIME");
                    }

                    if (_behavior.SmtpUtf8)
                    {
                        lines.Add("SMTPUTF8");
                    }

                    if (_behavior.Pipelining)
                    {
                        lines.Add("PIPELINING");
                    }

                    await SendAsync(stream, string.Join("\r\n", lines.Select((l, i) => (i == lines.Count - 1 ? "250 " : "250-") + l)), cancellationToken);
                    break;
                case "HELO" or "NOOP":
                    await SendAsync(stream, "250 2.0.0 Ok", cancellationToken);
                    break;
                case "RSET":
                    mailFrom = null;
                    recipients.Clear();
                    await SendAsync(stream, "250 2.0.0 Ok", cancellationToken);
                    break;
                case "MAIL":
                    mailFrom = PathOf(line);
                    recipients.Clear();
                    await SendAsync(stream, _behavior.MailFromReply, cancellationToken);
                    break;
                case "RCPT":
                    var address = PathOf(line);
                    var reply = _behavior.RcptReply(address, connection);
                    if (reply.StartsWith('2'))
                    {
                        recipients.Add(address);
                    }

                    await SendAsync(stream, reply, cancellationToken);
                    break;
                case "DATA":
                    if (recipients.Count == 0)
                    {
                        await SendAsync(stream, "554 5.5.1 No valid recipients", cancellationToken);
                        break;
                    }

                    await SendAsync(stream, "354 End data with <CR><LF>.<CR><LF>", cancellationToken);
                    var data = await ReadDataAsync(reader, cancellationToken);
                    if (data is null)
                    {
                        return; // dropped mid-DATA
                    }

                    var final = _behavior.DataReply(connection);
                    if (final.StartsWith('2'))
                    {
                        _messages.Enqueue(new ReceivedSmtpMessage(mailFrom ?? string.Empty, [.. recipients], data, connection));
                    }

                    await SendAsync(stream, final, cancellationToken);
                    recipients.Clear();
                    break;
                case "QUIT":
                    await SendAsync(stream, "221 2.0.0 Bye", cancellationToken);
                    return;
                default:
                    await SendAsync(stream, "502 5.5.2 Command not implemented", cancellationToken);
                    break;
            }
        }
    }

    private async Task<string?> ReadDataAsync(StreamReader reader, CancellationToken cancellationToken)
    {
        var data = new StringBuilder();
        while (await reader.ReadLineAsync(cancellationToken) is { } line)
        {
            if (line == ".")
            {
                return data.ToString();
            }

            if (_behavior.DropDuringData)
            {
                _transcript.Enqueue("S: <dropped the connection during DATA>");
                return null;
            }

            data.Append(line.StartsWith('.') ? line[1..] : line).Append("\r\n");
        }

        return null;
    }

    private async Task SendAsync(NetworkStream stream, string reply, CancellationToken cancellationToken)
    {
        foreach (var line in reply.Split("\r\n"))
        {
            _transcript.Enqueue("S: " + line);
        }

        await stream.WriteAsync(Encoding.UTF8.GetBytes(reply + "\r\n"), cancellationToken);
    }

    private static string PathOf(string command)
    {
        var open = command.IndexOf('<', StringComparison.Ordinal);
        var close = command.IndexOf('>', open + 1);
        return open >= 0 && close > open ? command[(open + 1)..close] : string.Empty;
    }
}

/// <summary>A message a <see cref="ScriptedSmtpServer"/> accepted.</summary>
/// <param name="MailFrom">The MAIL FROM path.</param>
/// <param name="Recipients">The accepted RCPT TO paths.</param>
/// <param name="Data">The message as received (CRLF line ends, dot-unstuffed).</param>
/// <param name="Connection">The 1-based connection number it arrived on.</param>
public sealed record ReceivedSmtpMessage(string MailFrom, IReadOnlyList<string> Recipients, string Data, int Connection);
