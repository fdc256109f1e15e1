using Spectre.Console;
using Spectre.Console.Cli;

namespace Mailstrom.Cli.Commands;

/// <summary><c>mailstrom terminate &lt;id&gt; [--reason]</c>: stops an email; recipients not yet final become Cancelled.</summary>
internal sealed class TerminateCommand : AsyncCommand<TerminateSettings>
{
    private readonly IAnsiConsole _console;
    private readonly CliEnvironment _environment;

    /// <summary>Creates the command.</summary>
    /// <param name="console">Where output goes.</param>
    /// <param name="environment">The machine.</param>
    public TerminateCommand(IAnsiConsole console, CliEnvironment environment)
    {
        _console = console;
        _environment = environment;
    }

    /// <inheritdoc />
    public override async Task<int> ExecuteAsync(CommandContext context, TerminateSettings settings, CancellationToken cancellationToken)
    {
        using var client = settings.OpenClient(_environment);
        await client.TerminateAsync(settings.Id, settings.Reason, cancellationToken);
        _console.MarkupLine($"Terminated {Markup.Escape(settings.Id)}: recipients not yet final are now [grey]Cancelled[/].");
        return ExitCodes.Success;
    }
}
