using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace Mailstrom.ScaleOut;

/// <summary>
/// One server process (<c>Mailstrom.Server.dll</c> beside the benchmark) with settings as environment variables and
/// default logging. The delivery core logs one line per SMTP transaction (<c>Mailstrom.Delivery.DeliveryAgent</c>,
/// Information: "…: 1 delivered, 0 deferred, 0 failed"); the instance adds up its own from them, so each instance's
/// share of the deliveries is known.
/// </summary>
internal sealed partial class AppInstance : IAsyncDisposable
{
    private readonly Process _process;
    private readonly Task _drain;
    private long _delivered;
    private long _notDelivered;

    private AppInstance(string name, Process process, Uri baseAddress)
    {
        Name = name;
        _process = process;
        BaseAddress = baseAddress;
        _drain = Task.WhenAll(ReadLogAsync(process.StandardOutput), process.StandardError.ReadToEndAsync());
    }

    public string Name { get; }

    public Uri BaseAddress { get; }

    /// <summary>Recipients this instance's SMTP transactions delivered.</summary>
    public long Delivered => Interlocked.Read(ref _delivered);

    /// <summary>Recipients this instance's SMTP transactions deferred or failed.</summary>
    public long NotDelivered => Interlocked.Read(ref _notDelivered);

    /// <summary>The process's CPU seconds so far (user + system, from /proc), or NaN.</summary>
    public double CpuSeconds => ProcessCpu.Seconds(_process.Id);

    public static async Task<AppInstance> StartAsync(string name, IReadOnlyDictionary<string, string> settings)
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
        info.ArgumentList.Add(Path.Combine(directory, "Mailstrom.Server.dll"));
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("The app did not start.");
        var app = new AppInstance(name, process, new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/"));
        using var probe = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        for (var i = 0; i < 600; i++)
        {
            if (process.HasExited)
            {
                throw new InvalidOperationException($"App {name} exited with code {process.ExitCode} during start-up.");
            }

            try
            {
                using var response = await probe.GetAsync(new Uri("api/health", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return app;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            await Task.Delay(100);
        }

        await app.DisposeAsync();
        throw new InvalidOperationException($"App {name} did not become healthy within a minute.");
    }

    [GeneratedRegex(@": (\d+) delivered, (\d+) deferred, (\d+) failed", RegexOptions.CultureInvariant)]
    private static partial Regex TransactionLine();

    private async Task ReadLogAsync(StreamReader output)
    {
        while (await output.ReadLineAsync() is { } line)
        {
            if (TransactionLine().Match(line) is { Success: true } match)
            {
                Interlocked.Add(ref _delivered, long.Parse(match.Groups[1].ValueSpan, CultureInfo.InvariantCulture));
                Interlocked.Add(ref _notDelivered,
                    long.Parse(match.Groups[2].ValueSpan, CultureInfo.InvariantCulture) + long.Parse(match.Groups[3].ValueSpan, CultureInfo.InvariantCulture));
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
