using Mailstrom.Cli;
using Spectre.Console.Cli;

using var interrupted = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    // The first Ctrl+C stops the command cleanly (exit 130); a second one ends the process at once.
    e.Cancel = !interrupted.IsCancellationRequested;
    interrupted.Cancel();
};

var app = new CommandApp();
app.Configure(config => MailstromCommandLine.Configure(config, CliEnvironment.System));
return await app.RunAsync(args, interrupted.Token);
