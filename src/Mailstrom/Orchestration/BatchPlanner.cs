using Mailstrom.Storage;

namespace Mailstrom.Orchestration;

/// <summary>
/// Groups claimed recipients into delivery batches: recipients of one email on one domain share a route, so they
/// travel in one SMTP transaction (at most <c>maxPerBatch</c> at a time), while results stay per recipient.
/// </summary>
public static class BatchPlanner
{
    /// <summary>Plans the batches, keeping the claim order of first appearance.</summary>
    /// <param name="items">The claimed recipients.</param>
    /// <param name="maxPerBatch">The most recipients per batch.</param>
    /// <returns>Non-empty batches; every item appears in exactly one.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxPerBatch"/> is below 1.</exception>
    public static IReadOnlyList<IReadOnlyList<DeliveryWorkItem>> Plan(IReadOnlyList<DeliveryWorkItem> items, int maxPerBatch)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxPerBatch, 1);

        var open = new Dictionary<(string EmailId, string Domain), List<DeliveryWorkItem>>();
        var batches = new List<IReadOnlyList<DeliveryWorkItem>>();
        foreach (var item in items)
        {
            var key = (item.EmailId, item.Domain);
            if (!open.TryGetValue(key, out var batch) || batch.Count >= maxPerBatch)
            {
                batch = [];
                open[key] = batch;
                batches.Add(batch);
            }

            batch.Add(item);
        }

        return batches;
    }
}
