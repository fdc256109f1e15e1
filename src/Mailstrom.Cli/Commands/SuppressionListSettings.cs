using System.ComponentModel;
using Mailstrom.Suppression;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mailstrom.Cli.Commands;

/// <summary>The options of <c>mailstrom suppressions list</c>: the page size and the page to read.</summary>
internal sealed class SuppressionListSettings : ServerSettings
{
    /// <summary>The page size.</summary>
    [CommandOption("--limit <N>")]
    [Description("Addresses per page (1 to 1000; default 100).")]
    public int? Limit { get; init; }

    /// <summary>The token of the page to read.</summary>
    [CommandOption("--continuation-token <TOKEN>")]
    [Description("Read the page after the one that printed this token.")]
    public string? ContinuationToken { get; init; }

    /// <inheritdoc />
    public override ValidationResult Validate()
    {
        if (base.Validate() is { Successful: false } failure)
        {
            return failure;
        }

        return Limit is < 1 or > SuppressionQuery.MaxLimit
            ? ValidationResult.Error($"--limit must be from 1 to {SuppressionQuery.MaxLimit}.")
            : ValidationResult.Success();
    }
}

/// <summary>The argument of <c>mailstrom suppressions remove</c>.</summary>
internal sealed class SuppressionAddressSettings : ServerSettings
{
    /// <summary>The address to remove.</summary>
    [CommandArgument(0, "<ADDRESS>")]
    [Description("The suppressed address, as suppressions list shows it.")]
    public string Address { get; init; } = string.Empty;
}
