using System.Collections.Concurrent;
using System.Diagnostics;

namespace Mailstrom.Testing.Processes;

/// <summary>
/// A child process whose console output (standard output and error, line by line) is kept for the test, and which is
/// killed with its children when disposed.
/// </summary>
public sealed class ConsoleProcess : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _output = new();
    private readonly Task _drain;

    private ConsoleProcess(Process process)
    {
        Process = process;
        _drain = Task.WhenAll(CollectAsync(process.StandardOutput), CollectAsync(process.StandardError));
    }

    /// <summary>The process.</summary>
    public Process Process { get; }

    /// <summary>What the process wrote so far, in order.</summary>
    public IReadOnlyList<string> Output => [.. _output];

    /// <summary>How many lines so far contain <paramref name="fragment"/>.</summary>
    /// <param name="fragment">The text to look for.</param>
    /// <returns>The count.</returns>
    public int CountOutput(string fragment) => _output.Count(line => line.Contains(fragment, StringComparison.Ordinal));

    /// <summary>Starts <paramref name="info"/> with its output redirected.</summary>
    /// <param name="info">What to start; redirection is set here.</param>
    /// <returns>The running process.</returns>
    /// <exception cref="InvalidOperationException">The process did not start.</exception>
    public static ConsoleProcess Start(ProcessStartInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.UseShellExecute = false;
        return new ConsoleProcess(Process.Start(info) ?? throw new InvalidOperationException($"{info.FileName} did not start."));
    }

    /// <summary>
    /// Waits until <c>GET {baseAddress}api/health</c> answers with success, failing at once if the process exits.
    /// </summary>
    /// <param name="baseAddress">Where the app listens.</param>
    /// <param name="within">The longest wait.</param>
    /// <returns>A task that completes when the app is healthy.</returns>
    /// <exception cref="InvalidOperationException">The process exited first; the message holds its output.</exception>
    /// <exception cref="TimeoutException">It did not become healthy in time.</exception>
    public async Task WaitUntilHealthyAsync(Uri baseAddress, TimeSpan within)
    {
        using var probe = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(2) };
        await Polling.UntilAsync(async () =>
        {
            if (Process.HasExited)
            {
                throw new InvalidOperationException(
                    $"The app exited with code {Process.ExitCode} during start-up:{Environment.NewLine}{string.Join(Environment.NewLine, Output)}");
            }

            try
            {
                using var response = await probe.GetAsync(new Uri("api/health", UriKind.Relative));
                return response.IsSuccessStatusCode;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                return false;
            }
        }, within, "the app to become healthy");
    }

    private async Task CollectAsync(StreamReader reader)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            _output.Enqueue(line);
        }
    }

    /// <summary>Kills the process tree if it still runs, and waits for it and its output.</summary>
    /// <returns>A task that completes when the process is gone.</returns>
    public async ValueTask DisposeAsync()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
        }

        await Process.WaitForExitAsync();
        await _drain;
        Process.Dispose();
    }
}
