using System.Diagnostics;
using System.Globalization;
using Mailstrom.Testing.Processes;

namespace Mailstrom.EndToEnd.Tests.Infrastructure;

/// <summary>
/// The server as a real operating-system process (the build output beside the tests), so a test can SIGKILL or
/// SIGTERM it and start it again on the same store.
/// </summary>
public sealed class AppProcess : IAsyncDisposable
{
    private readonly ConsoleProcess _console;

    private AppProcess(ConsoleProcess console, Uri baseAddress)
    {
        _console = console;
        BaseAddress = baseAddress;
    }

    private Process Process => _console.Process;

    /// <summary>What the process wrote to its console so far (logs at Warning and above, unless settings say more).</summary>
    public IReadOnlyList<string> Output => _console.Output;

    /// <summary>How many console lines so far contain <paramref name="fragment"/>.</summary>
    public int CountOutput(string fragment) => _console.CountOutput(fragment);

    /// <summary>The error and critical log entries so far, each with the lines that follow it (for failure messages).</summary>
    public string Problems
    {
        get
        {
            var lines = _console.Output;
            var problems = lines
                .Select((line, i) => (line, i))
                .Where(x => x.line.StartsWith("fail:", StringComparison.Ordinal) || x.line.StartsWith("crit:", StringComparison.Ordinal))
                .Take(20)
                .Select(x => string.Join(Environment.NewLine, lines.Skip(x.i).Take(8)));
            return string.Join(Environment.NewLine, problems);
        }
    }

    public Uri BaseAddress { get; }

    public int ExitCode => Process.ExitCode;

    /// <summary>The process's resident set size now, in bytes (VmRSS).</summary>
    public long ResidentBytes => ReadStatusKilobytes("VmRSS:") * 1024;

    /// <summary>The process's peak resident set size, in bytes (VmHWM).</summary>
    public long PeakResidentBytes => ReadStatusKilobytes("VmHWM:") * 1024;

    private long ReadStatusKilobytes(string field)
    {
        foreach (var line in File.ReadLines($"/proc/{Process.Id}/status"))
        {
            if (line.StartsWith(field, StringComparison.Ordinal))
            {
                return long.Parse(line[field.Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            }
        }

        throw new InvalidOperationException($"/proc/{Process.Id}/status has no {field}");
    }

    /// <summary>Starts the app with <paramref name="settings"/> as environment variables and waits until it is healthy.</summary>
    /// <param name="settings">Configuration, as environment variables.</param>
    public static async Task<AppProcess> StartAsync(IReadOnlyDictionary<string, string> settings)
    {
        var port = LoopbackPorts.Free();
        var directory = AppContext.BaseDirectory;
        var info = new ProcessStartInfo("dotnet") { WorkingDirectory = directory };
        info.ArgumentList.Add(Path.Combine(directory, "Mailstrom.Server.dll"));
        info.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        info.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var app = new AppProcess(ConsoleProcess.Start(info), new Uri($"http://127.0.0.1:{port}/"));
        await app._console.WaitUntilHealthyAsync(app.BaseAddress, TimeSpan.FromSeconds(60));
        return app;
    }

    /// <summary>Kills the process at once (SIGKILL): no shutdown code runs.</summary>
    public async Task KillAsync()
    {
        Process.Kill(entireProcessTree: true);
        await Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(30));
    }

    /// <summary>Asks the process to stop (SIGTERM) and waits for it to exit.</summary>
    public async Task TerminateAsync()
    {
        using var kill = Process.Start("kill", ["-TERM", Process.Id.ToString(CultureInfo.InvariantCulture)]);
        await kill.WaitForExitAsync();
        await Process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(60));
    }

    public ValueTask DisposeAsync() => _console.DisposeAsync();
}
