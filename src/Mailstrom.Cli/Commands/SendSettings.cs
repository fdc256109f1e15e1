using System.ComponentModel;
using Spectre.Console;
using Spectre.Console.Cli;

namespace Mailstrom.Cli.Commands;

/// <summary>The options of <c>mailstrom send</c>: the email from flags, from a JSON body, or from a raw MIME file.</summary>
internal sealed class SendSettings : WatchSettings
{
    /// <summary>The sender.</summary>
    [CommandOption("--from <ADDRESS>")]
    [Description("The sender, addr@domain or \"Name <addr@domain>\"; also the envelope sender.")]
    public string? From { get; init; }

    /// <summary>Primary recipients.</summary>
    [CommandOption("--to <ADDRESS>")]
    [Description("A recipient; repeat for more.")]
    public string[] To { get; init; } = [];

    /// <summary>Carbon-copy recipients.</summary>
    [CommandOption("--cc <ADDRESS>")]
    [Description("A Cc recipient; repeat for more.")]
    public string[] Cc { get; init; } = [];

    /// <summary>Blind carbon-copy recipients.</summary>
    [CommandOption("--bcc <ADDRESS>")]
    [Description("A Bcc recipient (delivered to, never written into the message); repeat for more.")]
    public string[] Bcc { get; init; } = [];

    /// <summary>Reply-To addresses.</summary>
    [CommandOption("--reply-to <ADDRESS>")]
    [Description("A Reply-To address; repeat for more.")]
    public string[] ReplyTo { get; init; } = [];

    /// <summary>The subject line.</summary>
    [CommandOption("--subject <TEXT>")]
    [Description("The subject line.")]
    public string? Subject { get; init; }

    /// <summary>The plain-text body.</summary>
    [CommandOption("--text <TEXT>")]
    [Description("The plain-text body.")]
    public string? Text { get; init; }

    /// <summary>The HTML body.</summary>
    [CommandOption("--html <HTML>")]
    [Description("The HTML body.")]
    public string? Html { get; init; }

    /// <summary>Files to attach.</summary>
    [CommandOption("--attach <FILE>")]
    [Description("A file to attach (content type from its extension); repeat for more.")]
    public string[] Attach { get; init; } = [];

    /// <summary>Extra headers as NAME=VALUE.</summary>
    [CommandOption("--header <NAME=VALUE>")]
    [Description("An extra header, such as X-Campaign=spring; repeat for more.")]
    public string[] Header { get; init; } = [];

    /// <summary>A JSON body file, or <c>-</c> for standard input.</summary>
    [CommandOption("--json <FILE>")]
    [Description("Send this file (or - for standard input) as the API's JSON body, unchanged.")]
    public string? Json { get; init; }

    /// <summary>A raw MIME message file, or <c>-</c> for standard input.</summary>
    [CommandOption("--eml <FILE>")]
    [Description("Send this raw MIME message (or - for standard input) as message/rfc822, unchanged.")]
    public string? Eml { get; init; }

    /// <summary>The Idempotency-Key header.</summary>
    [CommandOption("--idempotency-key <KEY>")]
    [Description("Sent as Idempotency-Key: the same key and email within 24 h return the first id instead of sending again.")]
    public string? IdempotencyKey { get; init; }

    /// <summary>Whether any option that composes the email from flags was given.</summary>
    public bool HasComposeFlags =>
        From is not null || To.Length + Cc.Length + Bcc.Length + ReplyTo.Length + Attach.Length + Header.Length > 0
        || Subject is not null || Text is not null || Html is not null;

    /// <inheritdoc />
    public override ValidationResult Validate()
    {
        if (base.Validate() is { Successful: false } failure)
        {
            return failure;
        }

        var sources = (HasComposeFlags ? 1 : 0) + (Json is null ? 0 : 1) + (Eml is null ? 0 : 1);
        return sources switch
        {
            0 => ValidationResult.Error("Nothing to send: give --from and --to (and --subject, --text, ...), or --json FILE, or --eml FILE."),
            > 1 => ValidationResult.Error("Give the email one way only: flags (--from, --to, ...), or --json FILE, or --eml FILE."),
            _ => ValidationResult.Success(),
        };
    }
}
