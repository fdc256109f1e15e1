using Spectre.Console;
using Spectre.Console.Cli;

namespace Mailstrom.Cli.Commands;

/// <summary><c>mailstrom purge &lt;id&gt;</c>: erases an email, its content and its history.</summary>
/// <param name="console">Where output goes.</param>
/// <param name="environment">The machine.</param>
internal sealed class PurgeCommand(IAnsiConsole console, CliEnvironment environment) : AsyncCommand<EmailIdSettings>
{
    /// <inheritdoc />
    public override async Task<int> ExecuteAsync(CommandContext context, EmailIdSettings settings, CancellationToken cancellationToken)
    {
        using var client = settings.OpenClient(environment);
        await client.PurgeAsync(settings.Id, cancellationToken);
        console.MarkupLine($"Purged {Markup.Escape(settings.Id)}.");
        return ExitCodes.Success;
    }
}
