using Mailstrom.DependencyInjection;
using Mailstrom.Orchestration;
using Mailstrom.Storage;
using Microsoft.Extensions.Options;

namespace Mailstrom.Hosting;

/// <summary>
/// Delivers work that something other than Mailstrom's own worker claimed: an Azure Functions queue trigger, for
/// example, where the Functions host dequeues and Mailstrom's polling is off. The items go through the same batch
/// planning, per-domain limit, retry rule and recording as the worker's.
/// </summary>
public sealed class TriggeredDelivery
{
    private readonly BatchRunner _runner;
    private readonly MailstromOptions _options;

    internal TriggeredDelivery(BatchRunner runner, IOptions<MailstromOptions> options)
    {
        _runner = runner;
        _options = options.Value;
    }

    /// <summary>
    /// Attempts delivery of claimed recipients, one SMTP transaction per batch (an email's recipients on one domain,
    /// up to <see cref="Delivery.DeliveryOptions.MaxRecipientsPerTransaction"/>), waiting for a free slot of the
    /// domain, and records each result.
    /// </summary>
    /// <param name="claimed">Leased work items, as a store's claim returned them.</param>
    /// <param name="cancellationToken">Abandons the attempts: their leases are released without a result.</param>
    /// <returns>
    /// The recorded results, or <see langword="null"/> when some batch was not recorded (abandoned, faulted, or the
    /// store refused the write); its recipients are then retried once their leases are released or lapse.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="claimed"/> is <see langword="null"/>.</exception>
    public async Task<IReadOnlyList<RecipientResult>?> RunAsync(IReadOnlyList<DeliveryWorkItem> claimed, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(claimed);
        var recorded = new List<RecipientResult>();
        var complete = true;
        foreach (var batch in BatchPlanner.Plan(claimed, _options.Delivery.MaxRecipientsPerTransaction))
        {
            try
            {
                await _runner.ReserveDomainAsync(batch[0].Domain, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                await _runner.ReleaseAsync(batch);
                complete = false;
                continue;
            }

            if (await _runner.RunAsync(batch, cancellationToken) is { } results)
            {
                recorded.AddRange(results);
            }
            else
            {
                complete = false;
            }
        }

        return complete ? recorded : null;
    }
}
