using Spectre.Console.Cli.Testing;
using Spectre.Console.Testing;

namespace Mailstrom.Cli.Tests.Infrastructure;

/// <summary>
/// Runs <c>mailstrom</c> command lines through Spectre's <see cref="CommandAppTester"/>, configured exactly as the real
/// tool, against a server reached through the given transport. The environment holds only what a test gives it
/// (by default MAILSTROM_URL and MAILSTROM_KEY for the in-process server); each run gets a fresh console.
/// </summary>
public sealed class MailstromCli
{
    private readonly Func<HttpMessageHandler> _handler;
    private readonly IReadOnlyDictionary<string, string> _variables;
    private readonly Func<Stream> _standardInput;

    public MailstromCli(Func<HttpMessageHandler> handler, IReadOnlyDictionary<string, string>? variables = null, Func<Stream>? standardInput = null)
    {
        _handler = handler;
        _variables = variables ?? new Dictionary<string, string>();
        _standardInput = standardInput ?? (() => Stream.Null);
    }

    /// <summary>The tool against <paramref name="server"/>, with its URL and key in the environment.</summary>
    public static MailstromCli For(CliServer server, Func<Stream>? standardInput = null) => new(
        server.CreateHandler,
        new Dictionary<string, string> { ["MAILSTROM_URL"] = "http://localhost", ["MAILSTROM_KEY"] = CliServer.Key },
        standardInput);

    /// <summary>Runs a command line on a non-interactive console (as in a pipe or CI log).</summary>
    public Task<CommandAppResult> RunAsync(params string[] args) => RunOnAsync(new TestConsole(), args);

    /// <summary>Runs a command line that <paramref name="interrupt"/> stops, as Ctrl+C does.</summary>
    public Task<CommandAppResult> RunAsync(CancellationToken interrupt, params string[] args) => RunOnAsync(new TestConsole(), args, interrupt);

    /// <summary>Runs a command line on an interactive terminal, where <c>--watch</c> draws the live view.</summary>
    public Task<CommandAppResult> RunInteractiveAsync(params string[] args) => RunOnAsync(new TestConsole().Interactive(), args);

    private async Task<CommandAppResult> RunOnAsync(TestConsole console, string[] args, CancellationToken interrupt = default)
    {
        console.Width(200).Height(60);
        var environment = new CliEnvironment
        {
            CreateHttpHandler = _handler,
            GetVariable = name => _variables.TryGetValue(name, out var value) ? value : null,
            OpenStandardInput = _standardInput,
        };
        var tester = new CommandAppTester(console: console);
        tester.Configure(config => MailstromCommandLine.Configure(config, environment));
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(interrupt);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        return await tester.RunAsync(MailstromCommandLine.PrepareArguments(args), timeout.Token);
    }
}
