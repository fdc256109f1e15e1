using System.Globalization;
using Mailstrom.Cli.Api;
using Mailstrom.Contracts;
using Mailstrom.Model;
using Spectre.Console;

namespace Mailstrom.Cli.Rendering;

/// <summary>A list of emails as a table: id, runtime status, when created, sender, subject and the recipients' tally.</summary>
internal static class EmailListTable
{
    /// <summary>Builds the table.</summary>
    /// <param name="emails">The emails.</param>
    /// <param name="now">The current time, for relative times.</param>
    /// <returns>The table.</returns>
    public static Table Build(IEnumerable<EmailStatusResponse> emails, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(emails);
        var table = new Table().Border(TableBorder.Rounded);
        table.AddColumn("Id");
        table.AddColumn("Status");
        table.AddColumn("Created");
        table.AddColumn("From");
        table.AddColumn("Subject");
        table.AddColumn("Recipients");
        foreach (var email in emails)
        {
            table.AddRow(
                new Text(email.InstanceId ?? string.Empty),
                new Markup(StateStyles.Email(email)),
                new Text(WhenText.Format(email.CreatedTime, now)),
                new Text(email.Input?.From ?? string.Empty),
                new Text(ReplyText.Cut(email.Input?.Subject ?? string.Empty, 40)),
                new Text(Tally(email)));
        }

        return table;
    }

    // "3: 2 delivered, 1 deferred"
    private static string Tally(EmailStatusResponse email)
    {
        var recipients = email.CustomStatus?.Recipients ?? [];
        var counts = recipients
            .GroupBy(r => EmailStates.Delivery(r)?.ToString() ?? r.Status ?? "?")
            .OrderBy(g => Enum.TryParse<DeliveryStatus>(g.Key, out var s) ? (int)s : int.MaxValue)
            .Select(g => string.Create(CultureInfo.InvariantCulture, $"{g.Count()} {g.Key.ToLowerInvariant()}"));
        return string.Create(CultureInfo.InvariantCulture, $"{recipients.Count}: {string.Join(", ", counts)}");
    }
}
