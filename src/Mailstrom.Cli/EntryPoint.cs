using Spectre.Console.Cli;

namespace Mailstrom.Cli;

/// <summary>
/// The process entry point (named so, not <c>Program</c>, so tests can host the server's <c>Program</c> beside it).
/// </summary>
internal static class EntryPoint
{
    /// <summary>Runs one command and returns its exit code (see <see cref="ExitCodes"/>).</summary>
    /// <param name="args">The command line.</param>
    /// <returns>The exit code.</returns>
    public static async Task<int> Main(string[] args)
    {
        using var interrupted = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            // The first Ctrl+C stops the command cleanly (exit 130); a second one ends the process at once.
            e.Cancel = !interrupted.IsCancellationRequested;
            interrupted.Cancel();
        };

        var app = new CommandApp();
        app.Configure(config =>
        {
            config.ConfigureConsole(CliEnvironment.StandardOutput());
            MailstromCommandLine.Configure(config, CliEnvironment.System);
        });
        return await app.RunAsync(MailstromCommandLine.PrepareArguments(args), interrupted.Token);
    }
}
