using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Mailstrom.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The function app as a real operating-system process (the build output beside the tests), so a test can SIGKILL or
/// SIGTERM it and start it again on the same store.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Task _drain;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> _output = new();

    private AppProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        _drain = Task.WhenAll(CollectAsync(process.StandardOutput), CollectAsync(process.StandardError));
    }

    /// <summary>What the process wrote to its console so far (logs at Warning and above, unless settings say more).</summary>
    public IReadOnlyList<string> Output => [.. _output];

    /// <summary>How many console lines so far contain <paramref name="fragment"/>.</summary>
    public int CountOutput(string fragment) => _output.Count(line => line.Contains(fragment, StringComparison.Ordinal));

    /// <summary>The error and critical log entries so far, each with the lines that follow it (for failure messages).</summary>
    public string Problems
    {
        get
        {
            var lines = _output.ToArray();
            var problems = lines
                .Select((line, i) => (line, i))
                .Where(x => x.line.StartsWith("fail:", StringComparison.Ordinal) || x.line.StartsWith("crit:", StringComparison.Ordinal))
                .Take(20)
                .Select(x => string.Join(Environment.NewLine, lines.Skip(x.i).Take(8)));
            return string.Join(Environment.NewLine, problems);
        }
    }

    private async Task CollectAsync(StreamReader reader)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            _output.Enqueue(line);
        }
    }

    public Uri BaseAddress { get; }

    public int ExitCode => _process.ExitCode;

    /// <summary>The process's resident set size now, in bytes (VmRSS).</summary>
    public long ResidentBytes => ReadStatusKilobytes("VmRSS:") * 1024;

    /// <summary>The process's peak resident set size, in bytes (VmHWM).</summary>
    public long PeakResidentBytes => ReadStatusKilobytes("VmHWM:") * 1024;

    private long ReadStatusKilobytes(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"/proc/{_process.Id}/status has no {field}");
    }

    /// <summary>Starts the app with <paramref name="settings"/> as environment variables and waits until it is healthy.</summary>
    /// <param name="settings">Configuration, as environment variables.</param>
    /// <param name="asCustomHandler">Start it as the Azure Functions host starts a custom handler: the port is given
    /// in <c>FUNCTIONS_CUSTOMHANDLER_PORT</c> (no URL setting).</param>
    public static async Task<AppProcess> StartAsync(IReadOnlyDictionary<string, string> settings, bool asCustomHandler = false)
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
        info.Environment[asCustomHandler ? "FUNCTIONS_CUSTOMHANDLER_PORT" : "ASPNETCORE_URLS"] = asCustomHandler
            ? port.ToString(CultureInfo.InvariantCulture)
            : $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("The app did not start.");
        var app = new AppProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        using var probe = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        await WaitUntilAsync(async () =>
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
            catch (HttpRequestException)
            {
                return false;
            }
            catch (TaskCanceledException)
            {
                return false;
            }
        }, TimeSpan.FromSeconds(60), "the app to become healthy");
        return app;
    }

    /// <summary>Kills the process at once (SIGKILL): no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Asks the process to stop (SIGTERM) and waits for it to exit.</summary>
    public async Task TerminateAsync()
    {
        using var kill = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        await _process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
    }

    /// <summary>Polls <paramref name="condition"/> until it holds (bounded).</summary>
    /// <exception cref="TimeoutException">It did not hold within <paramref name="within"/>.</exception>
    public static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan within, string what)
    {
        var deadline = Stopwatch.StartNew();
        while (!await condition())
        {
            if (deadline.Elapsed > within)
            {
                throw new TimeoutException($"Timed out after {within} waiting for {what}.");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }

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
