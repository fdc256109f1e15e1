using Spectre.Console;

namespace Mailstrom.Cli;

/// <summary>
/// What the tool takes from the machine: the HTTP transport, environment variables, standard input, the error
/// console and the clock. <see cref="System"/> is the real machine; tests replace parts (an in-process server's
/// handler, a fixed environment) without touching the process.
/// </summary>
internal sealed class CliEnvironment
{
    /// <summary>
    /// The width tables are laid out for when the output is not a terminal (a pipe, a file, a CI log), which has no
    /// width of its own: wide enough that addresses and replies stay on one line.
    /// </summary>
    public const int RedirectedWidth = 200;

    /// <summary>The real machine: sockets, the process environment, the process's standard input and standard error.</summary>
    public static CliEnvironment System { get; } = new()
    {
        ErrorConsole = Create(Console.Error, Console.IsErrorRedirected),
    };

    /// <summary>The console for the commands' output: standard output.</summary>
    /// <returns>The console.</returns>
    public static IAnsiConsole StandardOutput() => Create(Console.Out, Console.IsOutputRedirected);

    /// <summary>Creates a transport for one command's requests; the client disposes it.</summary>
    /// <value>By default a <see cref="SocketsHttpHandler"/> that honours the system proxy settings.</value>
    public Func<HttpMessageHandler> CreateHttpHandler { get; init; } = () => new SocketsHttpHandler();

    /// <summary>Reads an environment variable (<c>MAILSTROM_URL</c>, <c>MAILSTROM_KEY</c>).</summary>
    /// <value>By default the process environment.</value>
    public Func<string, string?> GetVariable { get; init; } = Environment.GetEnvironmentVariable;

    /// <summary>Opens standard input, for <c>--json -</c> and <c>--eml -</c>.</summary>
    /// <value>By default the process's standard input.</value>
    public Func<Stream> OpenStandardInput { get; init; } = Console.OpenStandardInput;

    /// <summary>Where errors are written; <see langword="null"/> writes them to the command's console.</summary>
    /// <value>Standard error for <see cref="System"/>; <see langword="null"/> otherwise.</value>
    public IAnsiConsole? ErrorConsole { get; init; }

    /// <summary>The clock and timers of the watch view.</summary>
    /// <value><see cref="TimeProvider.System"/> by default.</value>
    public TimeProvider Time { get; init; } = TimeProvider.System;

    private static IAnsiConsole Create(TextWriter writer, bool redirected)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(writer) });
        if (redirected)
        {
            console.Profile.Width = RedirectedWidth;
        }

        return console;
    }
}
