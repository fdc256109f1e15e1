using System.Diagnostics;
using System.Globalization;
using Mailstrom.Testing.Processes;

namespace Mailstrom.Deployment.Tests.Publish;

/// <summary>
/// The published executable started the way the Functions host starts a custom handler: from the app folder, with
/// <c>FUNCTIONS_CUSTOMHANDLER_PORT</c> and the app settings as environment variables.
/// </summary>
internal sealed class PublishedHandlerProcess : IAsyncDisposable
{
    /// <summary>The Functions host gives a custom handler 60 seconds to start listening.</summary>
    private static readonly TimeSpan StartupLimit = TimeSpan.FromSeconds(60);

    private readonly ConsoleProcess _console;

    private PublishedHandlerProcess(ConsoleProcess console, int port)
    {
        _console = console;
        BaseAddress = new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}/");
    }

    public Uri BaseAddress { get; }

    /// <summary>What the process wrote so far.</summary>
    public string Output => string.Join(Environment.NewLine, _console.Output);

    public static async Task<PublishedHandlerProcess> StartAsync(PublishedFunctionApp app, IReadOnlyDictionary<string, string> settings)
    {
        var port = LoopbackPorts.Free();
        var info = new ProcessStartInfo(app.PathOf("Mailstrom.Functions")) { WorkingDirectory = app.Folder };
        info.Environment["FUNCTIONS_CUSTOMHANDLER_PORT"] = port.ToString(CultureInfo.InvariantCulture);
        info.Environment["FUNCTIONS_WORKER_RUNTIME"] = "custom";
        foreach (var (key, value) in settings)
        {
            info.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        var handler = new PublishedHandlerProcess(ConsoleProcess.Start(info), port);
        try
        {
            await handler._console.WaitUntilHealthyAsync(handler.BaseAddress, StartupLimit);
            return handler;
        }
        catch
        {
            await handler.DisposeAsync();
            throw;
        }
    }

    public ValueTask DisposeAsync() => _console.DisposeAsync();
}
