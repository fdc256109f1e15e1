using Spectre.Console;
using Spectre.Console.Cli;

namespace Mailstrom.Cli.Errors;

/// <summary>Writes every failure as one short message and turns it into the documented exit code; never a stack trace.</summary>
internal static class CliErrorHandler
{
    /// <summary>Reports <paramref name="exception"/>.</summary>
    /// <param name="exception">What went wrong.</param>
    /// <param name="console">Where to write the message.</param>
    /// <returns>The exit code: one of <see cref="ExitCodes"/>.</returns>
    public static int Report(Exception exception, IAnsiConsole console)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(console);
        switch (exception)
        {
            case CliException cli:
                console.MarkupLine($"[red]Error:[/] {Markup.Escape(cli.Message)}");
                return cli.ExitCode;
            case CommandAppException { Pretty: { } pretty }:
                console.Write(pretty);
                return ExitCodes.Usage;
            case CommandAppException usage:
                console.MarkupLine($"[red]Error:[/] {Markup.Escape(usage.Message)}");
                return ExitCodes.Usage;
            case OperationCanceledException:
                console.MarkupLine("[yellow]Stopped.[/] An email already accepted goes on being delivered.");
                return ExitCodes.Interrupted;
            default:
                console.MarkupLine($"[red]Error:[/] unexpected {Markup.Escape(exception.GetType().Name)}: {Markup.Escape(exception.Message)}");
                return ExitCodes.Unavailable;
        }
    }
}
