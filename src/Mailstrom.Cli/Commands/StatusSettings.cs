using System.ComponentModel;
using Spectre.Console.Cli;

namespace Mailstrom.Cli.Commands;

/// <summary>The arguments of <c>mailstrom status</c>.</summary>
internal sealed class StatusSettings : WatchSettings
{
    /// <summary>The email id.</summary>
    [CommandArgument(0, "<ID>")]
    [Description("The email id that send printed.")]
    public string Id { get; init; } = string.Empty;
}
