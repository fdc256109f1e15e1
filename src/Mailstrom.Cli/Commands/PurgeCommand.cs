using Spectre.Console;
using Spectre.Console.Cli;

namespace Mailstrom.Cli.Commands;

/// <summary><c>mailstrom purge &lt;id&gt;</c>: erases an email, its content and its history.</summary>
internal sealed class PurgeCommand : AsyncCommand<EmailIdSettings>
{
    private readonly IAnsiConsole _console;
    private readonly CliEnvironment _environment;

    /// <summary>Creates the command.</summary>
    /// <param name="console">Where output goes.</param>
    /// <param name="environment">The machine.</param>
    public PurgeCommand(IAnsiConsole console, CliEnvironment environment)
    {
        _console = console;
        _environment = environment;
    }

    /// <inheritdoc />
    public override async Task<int> ExecuteAsync(CommandContext context, EmailIdSettings settings, CancellationToken cancellationToken)
    {
        using var client = settings.OpenClient(_environment);
        await client.PurgeAsync(settings.Id, cancellationToken);
        _console.MarkupLine($"Purged {Markup.Escape(settings.Id)}.");
        return ExitCodes.Success;
    }
}
