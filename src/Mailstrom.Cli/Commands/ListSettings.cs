using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mailstrom.Cli.Commands;

/// <summary>The options of <c>mailstrom list</c>: the API's filters, the page size, and paging.</summary>
internal sealed class ListSettings : ServerSettings
{
    /// <summary>The most emails <c>--all</c> fetches unless <c>--limit</c> says otherwise.</summary>
    public const int DefaultLimit = 1000;

    /// <summary>The highest <c>--limit</c> accepted.</summary>
    public const int MaxLimit = 100_000;

    /// <summary>Runtime statuses to include.</summary>
    [CommandOption("--status <STATUS>")]
    [Description("Only emails in this runtime status: Pending, Running, Completed, Failed or Terminated; repeat or comma-separate for more.")]
    public string[] Status { get; init; } = [];

    /// <summary>Only emails created at or after this time.</summary>
    [CommandOption("--created-from <TIME>")]
    [Description("Only emails created at or after this ISO 8601 time, such as 2026-11-23T20:00:00Z.")]
    public string? CreatedFrom { get; init; }

    /// <summary>Only emails created at or before this time.</summary>
    [CommandOption("--created-to <TIME>")]
    [Description("Only emails created at or before this ISO 8601 time.")]
    public string? CreatedTo { get; init; }

    /// <summary>The page size.</summary>
    [CommandOption("--top <N>")]
    [Description("Emails per page (the server accepts 1 to 1000; default 100).")]
    public int? Top { get; init; }

    /// <summary>The token of the page to read.</summary>
    [CommandOption("--continuation-token <TOKEN>")]
    [Description("Read the page after the one that printed this token.")]
    public string? ContinuationToken { get; init; }

    /// <summary>Whether to follow continuation tokens to the end.</summary>
    [CommandOption("--all")]
    [Description("Follow continuation tokens and list every matching email, up to --limit.")]
    public bool All { get; init; }

    /// <summary>The most emails <c>--all</c> fetches.</summary>
    [CommandOption("--limit <N>")]
    [Description("With --all: stop after this many emails (default 1000) and print the token to go on from.")]
    public int? Limit { get; init; }

    /// <summary>The runtime statuses as the API's comma-separated parameter, or <see langword="null"/>.</summary>
    public string? RuntimeStatus => Status.Length == 0 ? null : string.Join(',', Status);

    /// <inheritdoc />
    public override ValidationResult Validate()
    {
        if (base.Validate() is { Successful: false } failure)
        {
            return failure;
        }

        if (Limit is not null && !All)
        {
            return ValidationResult.Error("--limit applies only with --all.");
        }

        return Limit is < 1 or > MaxLimit
            ? ValidationResult.Error($"--limit must be from 1 to {MaxLimit}.")
            : ValidationResult.Success();
    }
}
