using System.Globalization;
using Mailstrom.Contracts;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Mailstrom.Cli.Rendering;

/// <summary>What <c>mailstrom status</c> shows: a summary line, the recipient table, the outcome once final, and an optional footer.</summary>
internal static class StatusView
{
    /// <summary>Builds the view.</summary>
    /// <param name="status">The email's status.</param>
    /// <param name="now">The current time, for relative times.</param>
    /// <param name="footer">Markup under the table (the watch view's polling line), or <see langword="null"/>.</param>
    /// <returns>The renderable.</returns>
    public static IRenderable Build(EmailStatusResponse status, DateTimeOffset now, string? footer = null)
    {
        ArgumentNullException.ThrowIfNull(status);
        var parts = new List<IRenderable> { new Markup(Summary(status)), RecipientTable.Build(status, now) };
        if (status.Output is { } output)
        {
            var outcome = $"Delivered {output.Delivered} · Failed {output.Failed} · Cancelled {output.Cancelled}";
            if (!string.IsNullOrEmpty(output.Reason))
            {
                outcome += $" · reason: {output.Reason}";
            }

            parts.Add(new Text(outcome));
        }

        if (footer is not null)
        {
            parts.Add(new Markup(footer));
        }

        return new Rows(parts);
    }

    private static string Summary(EmailStatusResponse status)
    {
        var input = status.Input;
        var subject = string.IsNullOrEmpty(input?.Subject) ? "(no subject)" : $"\"{ReplyText.Cut(input.Subject, 60)}\"";
        var count = input?.RecipientCount ?? status.CustomStatus?.Recipients.Count ?? 0;
        return string.Create(CultureInfo.InvariantCulture,
            $"Email [bold]{Markup.Escape(status.InstanceId ?? "?")}[/] {StateStyles.Email(status)} · from {Markup.Escape(input?.From ?? "?")} · " +
            $"{Markup.Escape(subject)} · {count} recipient{(count == 1 ? string.Empty : "s")}");
    }
}
