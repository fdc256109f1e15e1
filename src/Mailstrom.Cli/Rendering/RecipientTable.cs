using System.Globalization;
using Mailstrom.Cli.Api;
using Mailstrom.Contracts;
using Mailstrom.Model;
using Spectre.Console;

namespace Mailstrom.Cli.Rendering;

/// <summary>
/// The recipients of one email as a table: state, attempts, next attempt, last reply, MX host and TLS, and the MTA-STS
/// policy applied when any recipient has one (a column only then, so that domains without policies keep a narrow table).
/// </summary>
internal static class RecipientTable
{
    /// <summary>Builds the table.</summary>
    /// <param name="status">The email's status.</param>
    /// <param name="now">The current time, for relative times.</param>
    /// <returns>The table.</returns>
    public static Table Build(EmailStatusResponse status, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(status);
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn(new TableColumn("Recipient").NoWrap());
        table.AddColumn(new TableColumn("State").NoWrap());
        table.AddColumn(new TableColumn("Attempts").RightAligned().NoWrap());
        table.AddColumn("Next attempt");
        table.AddColumn("Last reply");
        table.AddColumn(new TableColumn("MX host").NoWrap());
        table.AddColumn("TLS");
        var recipients = status.CustomStatus?.Recipients ?? [];
        var mtaSts = recipients.Any(r => !string.IsNullOrEmpty(r.MtaSts));
        if (mtaSts)
        {
            table.AddColumn("MTA-STS");
        }

        foreach (var recipient in recipients)
        {
            List<Spectre.Console.Rendering.IRenderable> cells =
            [
                new Text(recipient.Address ?? string.Empty),
                new Markup(StateStyles.Recipient(recipient)),
                new Text(recipient.Attempts.ToString(CultureInfo.InvariantCulture)),
                new Text(NextAttempt(recipient, now)),
                new Text(ReplyText.Format(recipient)),
                new Text(recipient.MxHost ?? string.Empty),
                new Text(Tls(recipient)),
            ];
            if (mtaSts)
            {
                cells.Add(new Text(recipient.MtaSts ?? string.Empty));
            }

            table.AddRow(cells);
        }

        return table;
    }

    private static string NextAttempt(RecipientStatusResponse recipient, DateTimeOffset now)
    {
        if (EmailStates.Delivery(recipient) is { } state && state.IsFinal())
        {
            return string.Empty;
        }

        var when = WhenText.Format(recipient.NextAttemptTime, now);
        return when.EndsWith(" ago", StringComparison.Ordinal) || when == "now" ? "due now" : when;
    }

    // No TLS with an MX host means the last attempt spoke plaintext; no MX host means no server was reached.
    private static string Tls(RecipientStatusResponse recipient) =>
        recipient.Tls ?? (recipient.MxHost is null ? string.Empty : "none");
}
