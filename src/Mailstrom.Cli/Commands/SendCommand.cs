using Mailstrom.Cli.Api;
using Mailstrom.Cli.Sending;
using Mailstrom.Cli.Watching;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mailstrom.Cli.Commands;

/// <summary><c>mailstrom send</c>: submits an email, prints its id, and with <c>--watch</c> follows it until it is final.</summary>
/// <param name="console">Where output goes.</param>
/// <param name="environment">The machine.</param>
internal sealed class SendCommand(IAnsiConsole console, CliEnvironment environment) : AsyncCommand<SendSettings>
{
    /// <inheritdoc />
    public override async Task<int> ExecuteAsync(CommandContext context, SendSettings settings, CancellationToken cancellationToken)
    {
        var content = settings switch
        {
            { Json: { } json } => await EmailFile.ReadAsync(json, EmailContent.Json, environment.OpenStandardInput, cancellationToken),
            { Eml: { } eml } => await EmailFile.ReadAsync(eml, EmailContent.Rfc822, environment.OpenStandardInput, cancellationToken),
            _ => EmailComposer.Compose(settings),
        };

        using var client = settings.OpenClient(environment);
        var accepted = await client.SendAsync(content, settings.IdempotencyKey, cancellationToken);
        console.WriteLine(accepted.Id);
        if (!settings.Watch)
        {
            return ExitCodes.Success;
        }

        return await new EmailWatch(console, environment.Time)
            .RunAsync(client, accepted.Id, settings.Schedule, settings.MaxWaitSpan, cancellationToken);
    }
}
