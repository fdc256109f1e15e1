using Spectre.Console;
using Spectre.Console.Cli;

namespace Mailstrom.Cli.Commands;

/// <summary><c>mailstrom terminate &lt;id&gt; [--reason]</c>: stops an email; recipients not yet final become Cancelled.</summary>
/// <param name="console">Where output goes.</param>
/// <param name="environment">The machine.</param>
internal sealed class TerminateCommand(IAnsiConsole console, CliEnvironment environment) : AsyncCommand<TerminateSettings>
{
    /// <inheritdoc />
    public override async Task<int> ExecuteAsync(CommandContext context, TerminateSettings settings, CancellationToken cancellationToken)
    {
        using var client = settings.OpenClient(environment);
        await client.TerminateAsync(settings.Id, settings.Reason, cancellationToken);
        console.MarkupLine($"Terminated {Markup.Escape(settings.Id)}: recipients not yet final are now [grey]Cancelled[/].");
        return ExitCodes.Success;
    }
}
