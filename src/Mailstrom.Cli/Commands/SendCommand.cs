using Mailstrom.Cli.Api;
using Mailstrom.Cli.Sending;
using Mailstrom.Cli.Watching;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mailstrom.Cli.Commands;

/// <summary><c>mailstrom send</c>: submits an email, prints its id, and with <c>--watch</c> follows it until it is final.</summary>
internal sealed class SendCommand : AsyncCommand<SendSettings>
{
    private readonly IAnsiConsole _console;
    private readonly CliEnvironment _environment;

    /// <summary>Creates the command.</summary>
    /// <param name="console">Where output goes.</param>
    /// <param name="environment">The machine.</param>
    public SendCommand(IAnsiConsole console, CliEnvironment environment)
    {
        _console = console;
        _environment = environment;
    }

    /// <inheritdoc />
    public override async Task<int> ExecuteAsync(CommandContext context, SendSettings settings, CancellationToken cancellationToken)
    {
        var content = settings switch
        {
            { Json: { } json } => await EmailFile.ReadAsync(json, EmailContent.Json, _environment.OpenStandardInput, cancellationToken),
            { Eml: { } eml } => await EmailFile.ReadAsync(eml, EmailContent.Rfc822, _environment.OpenStandardInput, cancellationToken),
            _ => EmailComposer.Compose(settings),
        };

        using var client = settings.OpenClient(_environment);
        var accepted = await client.SendAsync(content, settings.IdempotencyKey, cancellationToken);
        _console.WriteLine(accepted.Id);
        if (!settings.Watch)
        {
            return ExitCodes.Success;
        }

        return await new EmailWatch(_console, _environment.Time)
            .RunAsync(client, accepted.Id, settings.Schedule, settings.MaxWaitSpan, cancellationToken);
    }
}
