using Mailstrom.Contracts;
using Mailstrom.Model;

namespace Mailstrom.Cli.Api;

/// <summary>Reads the state names of a status payload into the engine's enums, so the finality rule has one copy (<see cref="StatusRules"/>).</summary>
internal static class EmailStates
{
    /// <summary>Whether the email is final: Completed, Failed or Terminated.</summary>
    /// <param name="status">The status payload.</param>
    /// <returns><see langword="true"/> when the email will not change again.</returns>
    public static bool IsFinal(EmailStatusResponse status)
    {
        ArgumentNullException.ThrowIfNull(status);
        return Runtime(status) is { } runtime && runtime.IsTerminal();
    }

    /// <summary>Whether every recipient was delivered.</summary>
    /// <param name="status">The status payload.</param>
    /// <returns><see langword="true"/> when the email has recipients and all are Delivered.</returns>
    public static bool AllDelivered(EmailStatusResponse status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var recipients = status.CustomStatus?.Recipients ?? [];
        return recipients.Count > 0 && recipients.All(r => Delivery(r) == DeliveryStatus.Delivered);
    }

    /// <summary>The email's runtime status, or <see langword="null"/> for a name this version does not know.</summary>
    /// <param name="status">The status payload.</param>
    /// <returns>The runtime status.</returns>
    public static RuntimeStatus? Runtime(EmailStatusResponse status) =>
        Enum.TryParse<RuntimeStatus>(status?.RuntimeStatus, ignoreCase: true, out var runtime) && Enum.IsDefined(runtime) ? runtime : null;

    /// <summary>A recipient's delivery status, or <see langword="null"/> for a name this version does not know.</summary>
    /// <param name="recipient">The recipient.</param>
    /// <returns>The delivery status.</returns>
    public static DeliveryStatus? Delivery(RecipientStatusResponse recipient) =>
        Enum.TryParse<DeliveryStatus>(recipient?.Status, ignoreCase: true, out var delivery) && Enum.IsDefined(delivery) ? delivery : null;
}
