using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Mailstrom.EndToEnd.Tests.Infrastructure;

namespace Mailstrom.EndToEnd.Tests.ScaleOut;

/// <summary>
/// The function app as a real process (like <see cref="AppProcess"/>) whose worker logs one line per recorded
/// recipient (<c>Mailstrom.Hosting.BatchRunner[1004]</c>, Information): the instance counts the recipients it
/// delivered from its own log, so a test knows how the work was shared.
/// </summary>
internal sealed class LoggingAppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Task _drain;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _problems = new();
    private long _delivered;

    private LoggingAppProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        _drain = Task.WhenAll(ReadLogAsync(process.StandardOutput), process.StandardError.ReadToEndAsync());
    }

    public Uri BaseAddress { get; }

    /// <summary>Attempts this instance recorded as Delivered (from its log).</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>The first lines of the log's errors (<c>fail:</c> and <c>crit:</c> entries), for a failing test's message.</summary>
    public string Problems => string.Join(Environment.NewLine, _problems);

    /// <summary>Starts the app with <paramref name="settings"/> as environment variables and waits until it is healthy.</summary>
    public static async Task<LoggingAppProcess> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        var port = FreePort();
        var directory = AppContext.BaseDirectory;
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = directory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(Path.Combine(directory, "Mailstrom.Functions.dll"));
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        info.Environment["Logging__LogLevel__Mailstrom.Hosting.BatchRunner"] = "Information";
        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("The app did not start.");
        var app = new LoggingAppProcess(process, new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/"));
        using var probe = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        await AppProcess.WaitUntilAsync(async () =>
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"The app exited with code {process.ExitCode} during start-up.");
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
        }, TimeSpan.FromSeconds(60), "the app to become healthy");
        return app;
    }

    private async Task ReadLogAsync(StreamReader output)
    {
        var keep = 0;
        while (await output.ReadLineAsync() is { } line)
        {
            if (line.Contains(" -> Delivered (", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref _delivered);
            }

            keep = line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal) ? 8 : keep - 1;
            if (keep > 0 && _problems.Count < 200)
            {
                _problems.Enqueue(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        await _drain;
        _process.Dispose();
    }
}
