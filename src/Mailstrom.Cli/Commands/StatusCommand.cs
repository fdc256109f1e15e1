using Mailstrom.Cli.Rendering;
using Mailstrom.Cli.Watching;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mailstrom.Cli.Commands;

/// <summary><c>mailstrom status &lt;id&gt; [--watch]</c>: the recipients' table once, or live until the email is final.</summary>
internal sealed class StatusCommand : AsyncCommand<StatusSettings>
{
    private readonly IAnsiConsole _console;
    private readonly CliEnvironment _environment;

    /// <summary>Creates the command.</summary>
    /// <param name="console">Where output goes.</param>
    /// <param name="environment">The machine.</param>
    public StatusCommand(IAnsiConsole console, CliEnvironment environment)
    {
        _console = console;
        _environment = environment;
    }

    /// <inheritdoc />
    public override async Task<int> ExecuteAsync(CommandContext context, StatusSettings settings, CancellationToken cancellationToken)
    {
        using var client = settings.OpenClient(_environment);
        if (settings.Watch)
        {
            return await new EmailWatch(_console, _environment.Time)
                .RunAsync(client, settings.Id, settings.Schedule, settings.MaxWaitSpan, cancellationToken);
        }

        var reading = await client.GetStatusAsync(settings.Id, cancellationToken);
        _console.Write(StatusView.Build(reading.Status, _environment.Time.GetUtcNow()));
        return ExitCodes.Success;
    }
}
