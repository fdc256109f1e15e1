using Mailstrom.Cli.Api;
using Mailstrom.Contracts;
using Mailstrom.Model;
using Spectre.Console;

namespace Mailstrom.Cli.Rendering;

/// <summary>The colour of each state, so a glance at the table tells what is done, what waits and what went wrong.</summary>
internal static class StateStyles
{
    /// <summary>A recipient's state as coloured markup.</summary>
    /// <param name="recipient">The recipient.</param>
    /// <returns>The markup.</returns>
    public static string Recipient(RecipientStatusResponse recipient)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        var colour = EmailStates.Delivery(recipient) switch
        {
            DeliveryStatus.Delivered => "green",
            DeliveryStatus.Deferred => "yellow",
            DeliveryStatus.Failed => "red",
            DeliveryStatus.Cancelled => "grey",
            DeliveryStatus.Queued => "blue",
            _ => "default",
        };
        return $"[{colour}]{Markup.Escape(recipient.Status ?? "?")}[/]";
    }

    /// <summary>An email's runtime status as coloured markup: green only when every recipient was delivered.</summary>
    /// <param name="status">The email.</param>
    /// <returns>The markup.</returns>
    public static string Email(EmailStatusResponse status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var colour = EmailStates.Runtime(status) switch
        {
            RuntimeStatus.Completed => EmailStates.AllDelivered(status) ? "green" : "yellow",
            RuntimeStatus.Failed or RuntimeStatus.Terminated => "red",
            RuntimeStatus.Pending or RuntimeStatus.Running => "blue",
            _ => "default",
        };
        return $"[bold {colour}]{Markup.Escape(status.RuntimeStatus ?? "?")}[/]";
    }
}
