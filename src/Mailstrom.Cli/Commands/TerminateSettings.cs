using System.ComponentModel;
using Spectre.Console.Cli;

namespace Mailstrom.Cli.Commands;

/// <summary>The arguments of <c>mailstrom terminate</c>.</summary>
internal sealed class TerminateSettings : EmailIdSettings
{
    /// <summary>Why the email is stopped.</summary>
    [CommandOption("--reason <TEXT>")]
    [Description("Why, stored with the email and shown in its output.")]
    public string? Reason { get; init; }
}
