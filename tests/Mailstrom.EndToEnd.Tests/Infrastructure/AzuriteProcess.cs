using Mailstrom.Testing.Processes;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Mailstrom.EndToEnd.Tests.Infrastructure;

/// <summary>
/// An Azurite of the test's own (installed by <c>eng/rig/install.sh</c> under <c>.tools/azurite</c>), on free loopback
/// ports with data on disk, so a test can freeze it (SIGSTOP) and thaw it (SIGCONT) without touching the rig's.
/// </summary>
public sealed class AzuriteProcess : IAsyncDisposable
{
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    private readonly Process _process;
    private readonly string _location;
    private readonly Task _drain;

    private AzuriteProcess(Process process, string location, int blob, int queue, int table)
    {
        _process = process;
        _location = location;
        _drain = Task.WhenAll(process.StandardOutput.ReadToEndAsync(), process.StandardError.ReadToEndAsync());
        ConnectionString = string.Create(CultureInfo.InvariantCulture,
            $"DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;AccountKey={AccountKey};BlobEndpoint=http://127.0.0.1:{blob}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queue}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{table}/devstoreaccount1;");
    }

    public string ConnectionString { get; }

    public static async Task<AzuriteProcess> StartAsync()
    {
        var binary = Path.Combine(RepositoryRoot(), ".tools", "azurite", "node_modules", ".bin", "azurite");
        if (!File.Exists(binary))
        {
            throw new InvalidOperationException($"{binary} is missing: run eng/rig/install.sh.");
        }

        var location = Path.Combine(Path.GetTempPath(), "mailstrom-azurite", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(location);
        int blob = FreePort(), queue = FreePort(), table = FreePort();
        var info = new ProcessStartInfo(binary) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var arg in new[]
        {
            "--silent", "--skipApiVersionCheck", "--loose", "--disableTelemetry", "--location", location,
            "--blobHost", "127.0.0.1", "--blobPort", $"{blob}", "--queueHost", "127.0.0.1", "--queuePort", $"{queue}",
            "--tableHost", "127.0.0.1", "--tablePort", $"{table}",
        })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("Azurite did not start.");
        var azurite = new AzuriteProcess(process, location, blob, queue, table);
        foreach (var port in new[] { blob, queue, table })
        {
            await Polling.UntilAsync(() => LoopbackPorts.AcceptsConnectionsAsync(IPAddress.Loopback, port), TimeSpan.FromSeconds(30), $"Azurite on port {port}");
        }

        return azurite;
    }

    /// <summary>Freezes the process: connections stay open and nothing answers, as in an outage.</summary>
    public Task FreezeAsync() => SignalAsync("-STOP");

    /// <summary>Lets a frozen process run again.</summary>
    public Task ThawAsync() => SignalAsync("-CONT");

    private async Task SignalAsync(string signal)
    {
        using var kill = Process.Start("kill", [signal, _process.Id.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
    }

    private static string RepositoryRoot() => MailstromLab.Rig.Get("REPO_ROOT");

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await ThawAsync();
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        await _drain;
        _process.Dispose();
        Directory.Delete(_location, recursive: true);
    }
}
