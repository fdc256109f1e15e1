using System.Diagnostics;
using System.Globalization;
using System.Net.Sockets;

namespace Mailstrom.ScaleOut;

/// <summary>Postfix's <c>smtp-sink</c> on the benchmark's own address, counting accepted messages (<c>-c</c>, unbuffered)
/// and noting when the first and the latest were counted.</summary>
internal sealed class SinkProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Task _reader;
    private long _messages;
    private long _firstTicks;
    private long _lastTicks;
    private long _target = long.MaxValue;
    private long _targetTicks;

    private SinkProcess(Process process)
    {
        _process = process;
        _reader = Task.Run(ReadCountersAsync);
    }

    public long Messages => Interlocked.Read(ref _messages);

    /// <summary>When the first message was counted (<see cref="Stopwatch.GetTimestamp"/>), or 0.</summary>
    public long FirstTimestamp => Interlocked.Read(ref _firstTicks);

    /// <summary>When the latest message was counted (<see cref="Stopwatch.GetTimestamp"/>), or 0.</summary>
    public long LastTimestamp => Interlocked.Read(ref _lastTicks);

    /// <summary>When the count first reached <see cref="Target"/> (<see cref="Stopwatch.GetTimestamp"/>), or 0.</summary>
    public long TargetTimestamp => Interlocked.Read(ref _targetTicks);

    /// <summary>The count whose time <see cref="TargetTimestamp"/> notes.</summary>
    public long Target
    {
        get => Interlocked.Read(ref _target);
        set => Interlocked.Exchange(ref _target, value);
    }

    public static async Task<SinkProcess> StartAsync(string address, int port)
    {
        var info = new ProcessStartInfo("stdbuf") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[] { "-o0", "smtp-sink", "-u", "postfix", "-c", $"{address}:{port.ToString(CultureInfo.InvariantCulture)}", "1000" })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("smtp-sink did not start (is Postfix installed?).");
        var sink = new SinkProcess(process);
        for (var i = 0; i < 150; i++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"smtp-sink exited: {await process.StandardError.ReadToEndAsync()}");
            }

            using var client = new TcpClient();
            try
            {
                await client.ConnectAsync(address, port).WaitAsync(TimeSpan.FromSeconds(1));
                return sink;
            }
            catch (Exception ex) when (ex is SocketException or TimeoutException)
            {
                await Task.Delay(100);
            }
        }

        await sink.DisposeAsync();
        throw new InvalidOperationException($"smtp-sink did not listen on {address}:{port}.");
    }

    private async Task ReadCountersAsync()
    {
        var buffer = new char[4096];
        var field = new System.Text.StringBuilder();
        int read;
        while ((read = await _process.StandardOutput.ReadAsync(buffer)) > 0)
        {
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] is '\r' or '\n' or ' ')
                {
                    Parse(field.ToString());
                    field.Clear();
                }
                else
                {
                    field.Append(buffer[i]);
                }
            }
        }
    }

    private void Parse(string field)
    {
        if (field.StartsWith("mesg=", StringComparison.Ordinal)
            && long.TryParse(field.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            && value > Interlocked.Read(ref _messages))
        {
            var now = Stopwatch.GetTimestamp();
            Interlocked.CompareExchange(ref _firstTicks, now, 0);
            Interlocked.Exchange(ref _lastTicks, now);
            if (value >= Target)
            {
                Interlocked.CompareExchange(ref _targetTicks, now, 0);
            }
            Interlocked.Exchange(ref _messages, value);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        await _process.WaitForExitAsync();
        await _reader;
        _process.Dispose();
    }
}
