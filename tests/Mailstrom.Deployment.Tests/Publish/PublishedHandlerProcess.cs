using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Mailstrom.Deployment.Tests.Publish;

/// <summary>
/// The published executable started the way the Functions host starts a custom handler: from the app folder, with
/// <c>FUNCTIONS_CUSTOMHANDLER_PORT</c> and the app settings as environment variables.
/// </summary>
internal sealed class PublishedHandlerProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly Task _drain;

    private PublishedHandlerProcess(Process process, int port)
    {
        _process = process;
        BaseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
        _drain = Task.WhenAll(CollectAsync(process.StandardOutput), CollectAsync(process.StandardError));
    }

    public Uri BaseAddress { get; }

    /// <summary>What the process wrote so far.</summary>
    public string Output => string.Join(Environment.NewLine, _output);

    public static async Task<PublishedHandlerProcess> StartAsync(PublishedFunctionApp app, IReadOnlyDictionary<string, string> settings)
    {
        var port = FreePort();
        var info = new ProcessStartInfo(app.PathOf("Mailstrom.Functions"))
        {
            WorkingDirectory = app.Folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(CultureInfo.InvariantCulture);
        info.Environment["FUNCTIONS_WORKER_RUNTIME"] = "custom";
        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var handler = new PublishedHandlerProcess(Process.Start(info) ?? throw new InvalidOperationException("The handler did not start."), port);
        using var probe = new HttpClient { BaseAddress = handler.BaseAddress, Timeout = TimeSpan.FromSeconds(2) };
        var deadline = Stopwatch.StartNew();
        while (true)
        {
            if (handler._process.HasExited)
            {
                throw new InvalidOperationException($"The handler exited with {handler._process.ExitCode}:\n{handler.Output}");
            }

            try
            {
                using var response = await probe.GetAsync(new Uri("api/health", UriKind.Relative));
                if (response.IsSuccessStatusCode)
                {
                    return handler;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
            {
                // Not listening yet.
            }

            // The Functions host gives a custom handler 60 seconds to start listening.
            if (deadline.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException($"The handler did not answer within 60 s:\n{handler.Output}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50));
        }
    }

    private async Task CollectAsync(StreamReader reader)
    {
        while (await reader.ReadLineAsync() is { } line)
        {
            _output.Enqueue(line);
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
