using System.ComponentModel;
using Spectre.Console.Cli;

namespace Mailstrom.Cli.Commands;

/// <summary>The argument of the commands that act on one email by id: <c>purge</c>.</summary>
internal class EmailIdSettings : ServerSettings
{
    /// <summary>The email id.</summary>
    [CommandArgument(0, "<ID>")]
    [Description("The email id that send printed.")]
    public string Id { get; init; } = string.Empty;
}
