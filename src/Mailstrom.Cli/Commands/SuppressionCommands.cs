using Mailstrom.Cli.Rendering;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mailstrom.Cli.Commands;

/// <summary><c>mailstrom suppressions list</c>: one page of the suppression list (the token for the next page is printed).</summary>
/// <param name="console">Where output goes.</param>
/// <param name="environment">The machine.</param>
internal sealed class SuppressionListCommand(IAnsiConsole console, CliEnvironment environment) : AsyncCommand<SuppressionListSettings>
{
    /// <inheritdoc />
    public override async Task<int> ExecuteAsync(CommandContext context, SuppressionListSettings settings, CancellationToken cancellationToken)
    {
        using var client = settings.OpenClient(environment);
        var page = await client.ListSuppressionsAsync(settings.Limit, settings.ContinuationToken, cancellationToken);
        console.Write(SuppressionTable.Build(page.Items, environment.Time.GetUtcNow()));
        console.MarkupLine($"{page.Items.Count} address{(page.Items.Count == 1 ? string.Empty : "es")}.");
        if (page.ContinuationToken is { } token)
        {
            console.MarkupLine($"More remain: add [bold]--continuation-token {Markup.Escape(token)}[/] to read on.");
        }

        return ExitCodes.Success;
    }
}

/// <summary><c>mailstrom suppressions remove &lt;address&gt;</c>: takes an address off the list, so it is attempted again.</summary>
/// <param name="console">Where output goes.</param>
/// <param name="environment">The machine.</param>
internal sealed class SuppressionRemoveCommand(IAnsiConsole console, CliEnvironment environment) : AsyncCommand<SuppressionAddressSettings>
{
    /// <inheritdoc />
    public override async Task<int> ExecuteAsync(CommandContext context, SuppressionAddressSettings settings, CancellationToken cancellationToken)
    {
        using var client = settings.OpenClient(environment);
        await client.RemoveSuppressionAsync(settings.Address, cancellationToken);
        console.MarkupLine($"Removed {Markup.Escape(settings.Address)} from the suppression list.");
        return ExitCodes.Success;
    }
}
