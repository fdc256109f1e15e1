using Mailstrom.Cli.Api;
using Mailstrom.Cli.Rendering;
using Mailstrom.Contracts;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mailstrom.Cli.Commands;

/// <summary>
/// <c>mailstrom list</c>: one page of emails (the token for the next page is printed), or with <c>--all</c> every page
/// up to <c>--limit</c> emails.
/// </summary>
/// <param name="console">Where output goes.</param>
/// <param name="environment">The machine.</param>
internal sealed class ListCommand(IAnsiConsole console, CliEnvironment environment) : AsyncCommand<ListSettings>
{
    /// <inheritdoc />
    public override async Task<int> ExecuteAsync(CommandContext context, ListSettings settings, CancellationToken cancellationToken)
    {
        using var client = settings.OpenClient(environment);
        var filter = new EmailListFilter(settings.RuntimeStatus, settings.CreatedFrom, settings.CreatedTo, settings.Top);
        var limit = settings.All ? settings.Limit ?? ListSettings.DefaultLimit : int.MaxValue;
        var emails = new List<EmailStatusResponse>();
        var token = settings.ContinuationToken;
        do
        {
            var page = await client.ListAsync(filter, token, cancellationToken);
            emails.AddRange(page.Items);
            token = page.ContinuationToken;
        }
        while (settings.All && token is not null && emails.Count < limit);

        console.Write(EmailListTable.Build(emails, environment.Time.GetUtcNow()));
        console.MarkupLine($"{emails.Count} email{(emails.Count == 1 ? string.Empty : "s")}.");
        if (token is not null)
        {
            var why = settings.All ? $"Stopped at --limit {limit}; more" : "More";
            console.MarkupLine($"{why} remain: add [bold]--continuation-token {Markup.Escape(token)}[/] to read on.");
        }

        return ExitCodes.Success;
    }
}
