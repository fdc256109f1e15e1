namespace Mailstrom.Model;

/// <summary>The result of a terminal email: how many recipients ended in each final state.</summary>
/// <param name="Delivered">Recipients delivered.</param>
/// <param name="Failed">Recipients failed.</param>
/// <param name="Cancelled">Recipients cancelled by termination.</param>
public sealed record EmailOutput(int Delivered, int Failed, int Cancelled)
{
    /// <summary>Counts the final states among <paramref name="recipients"/>.</summary>
    /// <param name="recipients">The recipients of one email.</param>
    /// <returns>The counts.</returns>
    public static EmailOutput From(IEnumerable<RecipientStatus> recipients)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        int delivered = 0, failed = 0, cancelled = 0;
        foreach (var r in recipients)
        {
            switch (r.Status)
            {
                case DeliveryStatus.Delivered: delivered++; break;
                case DeliveryStatus.Failed: failed++; break;
                case DeliveryStatus.Cancelled: cancelled++; break;
                default: break;
            }
        }

        return new EmailOutput(delivered, failed, cancelled);
    }
}
