using System.Globalization;
using Mailstrom.Contracts;
using Spectre.Console;

namespace Mailstrom.Cli.Rendering;

/// <summary>The suppression list as a table: address, the failure's codes and reply, since when, and the email.</summary>
internal static class SuppressionTable
{
    /// <summary>Builds the table.</summary>
    /// <param name="entries">The entries.</param>
    /// <param name="now">The current time, for relative times.</param>
    /// <returns>The table.</returns>
    public static Table Build(IEnumerable<SuppressionResponse> entries, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("Address");
        table.AddColumn("Code");
        table.AddColumn("Reply");
        table.AddColumn("Since");
        table.AddColumn("Email");
        foreach (var entry in entries)
        {
            table.AddRow(
                new Text(entry.Address),
                new Text(string.Join(' ', new[] { entry.SmtpCode?.ToString(CultureInfo.InvariantCulture), entry.EnhancedStatusCode }.Where(p => p is not null))),
                new Text(ReplyText.Cut(entry.Response ?? string.Empty, 60)),
                new Text(WhenText.Format(entry.SuppressedTime, now)),
                new Text(entry.EmailId));
        }

        return table;
    }
}
