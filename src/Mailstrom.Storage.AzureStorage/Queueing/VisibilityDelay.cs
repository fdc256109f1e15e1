namespace Mailstrom.Storage.AzureStorage.Queueing;

/// <summary>
/// Turns a target time into a queue visibility delay. Azure Queues hide a message for at most 7 days, so a longer
/// timer is carried in steps: the message wakes early, finds its recipient not due, and is hidden again.
/// </summary>
internal static class VisibilityDelay
{
    /// <summary>The longest visibility timeout Azure Queues accept.</summary>
    public static readonly TimeSpan Max = TimeSpan.FromDays(7);

    /// <summary>The delay until <paramref name="target"/> as seen from <paramref name="now"/>, within 0 and <see cref="Max"/>.</summary>
    /// <param name="target">When the message should become visible.</param>
    /// <param name="now">The current time of the store's clock.</param>
    /// <returns>The delay: zero for a target in the past, at most 7 days.</returns>
    public static TimeSpan Until(DateTimeOffset target, DateTimeOffset now)
    {
        var delay = target - now;
        return delay <= TimeSpan.Zero ? TimeSpan.Zero : delay >= Max ? Max : TimeSpan.FromSeconds(Math.Ceiling(delay.TotalSeconds));
    }
}
