using Mailstrom.Cli.Rendering;
using Mailstrom.Cli.Watching;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mailstrom.Cli.Commands;

/// <summary><c>mailstrom status &lt;id&gt; [--watch]</c>: the recipients' table once, or live until the email is final.</summary>
/// <param name="console">Where output goes.</param>
/// <param name="environment">The machine.</param>
internal sealed class StatusCommand(IAnsiConsole console, CliEnvironment environment) : AsyncCommand<StatusSettings>
{
    /// <inheritdoc />
    public override async Task<int> ExecuteAsync(CommandContext context, StatusSettings settings, CancellationToken cancellationToken)
    {
        using var client = settings.OpenClient(environment);
        if (settings.Watch)
        {
            return await new EmailWatch(console, environment.Time)
                .RunAsync(client, settings.Id, settings.Schedule, settings.MaxWaitSpan, cancellationToken);
        }

        var reading = await client.GetStatusAsync(settings.Id, cancellationToken);
        console.Write(StatusView.Build(reading.Status, environment.Time.GetUtcNow()));
        return ExitCodes.Success;
    }
}
