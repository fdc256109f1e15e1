using Mailstrom.Testing.Processes;
using System.Diagnostics;
using System.Globalization;
using System.Net;

namespace Mailstrom.EndToEnd.Tests.Infrastructure;

/// <summary>
/// Postfix's <c>smtp-sink</c>, started by the test on a loopback address of its own, counting every message it
/// accepts (its <c>-c</c> counters, unbuffered through <c>stdbuf</c>).
/// </summary>
public sealed class SmtpSinkProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Task _reader;
    private long _messages;

    private SmtpSinkProcess(Process process)
    {
        _process = process;
        _reader = Task.Run(ReadCountersAsync);
    }

    /// <summary>Messages accepted so far (a DATA that ended with 250).</summary>
    public long Messages => Interlocked.Read(ref _messages);

    /// <summary>Starts the sink and waits until it greets.</summary>
    /// <exception cref="InvalidOperationException">smtp-sink is missing or did not start.</exception>
    public static async Task<SmtpSinkProcess> StartAsync(IPAddress address, int port)
    {
        var info = new ProcessStartInfo("stdbuf")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "-o0", "smtp-sink", "-u", "postfix", "-c", $"{address}:{port}", "1000" })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("smtp-sink did not start (is Postfix installed? run eng/rig/install.sh).");
        var sink = new SmtpSinkProcess(process);
        await Polling.UntilAsync(async () =>
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"smtp-sink exited: {await process.StandardError.ReadToEndAsync()}");
            }

            return await LoopbackPorts.AcceptsConnectionsAsync(address, port);
        }, TimeSpan.FromSeconds(15), "smtp-sink to listen");
        return sink;
    }

    /// <summary>Waits until the sink has accepted at least <paramref name="count"/> messages.</summary>
    public Task WaitForMessagesAsync(long count, TimeSpan within) =>
        Polling.UntilAsync(() => Task.FromResult(Messages >= count), within, $"the sink to count {count} messages (has {Messages})");

    private async Task ReadCountersAsync()
    {
        var buffer = new char[4096];
        var record = new System.Text.StringBuilder();
        int read;
        while ((read = await _process.StandardOutput.ReadAsync(buffer)) > 0)
        {
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] is '\r' or '\n')
                {
                    Parse(record.ToString());
                    record.Clear();
                }
                else
                {
                    record.Append(buffer[i]);
                }
            }
        }
    }

    private void Parse(string record)
    {
        foreach (var field in record.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (field.StartsWith("mesg=", StringComparison.Ordinal)
                && long.TryParse(field.AsSpan(5), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                Interlocked.Exchange(ref _messages, value);
            }
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
