namespace Mailstrom.Model;

/// <summary>The one definition of which states never change again, for every engine and store.</summary>
public static class StatusRules
{
    /// <summary>Whether a recipient in <paramref name="status"/> is done: Delivered, Failed and Cancelled never change again.</summary>
    /// <param name="status">A recipient's state.</param>
    /// <returns><see langword="true"/> for a final state.</returns>
    public static bool IsFinal(this DeliveryStatus status) =>
        status is DeliveryStatus.Delivered or DeliveryStatus.Failed or DeliveryStatus.Cancelled;

    /// <summary>Whether an email in <paramref name="status"/> is done: Completed, Failed and Terminated never change again.</summary>
    /// <param name="status">An email's runtime status.</param>
    /// <returns><see langword="true"/> for a terminal state.</returns>
    public static bool IsTerminal(this RuntimeStatus status) =>
        status is RuntimeStatus.Completed or RuntimeStatus.Failed or RuntimeStatus.Terminated;
}
