using System.Globalization;
using Mailstrom.Durable.Orchestrations;
using Mailstrom.Storage;
using Microsoft.DurableTask.Client;

namespace Mailstrom.Durable.Client;

/// <summary>
/// The Durable engine's backlog, for the backlog gauges: read from the custom status of the running
/// <see cref="DurableTaskNames.SendEmail"/> instances (each lists its recipients; a root split into pages is skipped, its
/// pages are counted). A recipient is due when it is Queued, or Deferred with its next attempt time come; on this engine
/// a due recipient may already be in an activity. One task hub query per read, over at most
/// <see cref="MaxInstances"/> instances.
/// </summary>
/// <param name="client">The task hub's client.</param>
public sealed class DurableBacklog(DurableTaskClient client) : IDeliveryBacklog
{
    /// <summary>The most running instances one read looks at.</summary>
    public const int MaxInstances = 10_000;

    /// <inheritdoc />
    public async Task<DeliveryBacklog> ReadBacklogAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var query = new OrchestrationQuery
        {
            Statuses = [OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Pending],
            FetchInputsAndOutputs = true,
            PageSize = 100,
        };
        long due = 0, deferred = 0, seen = 0;
        DateTimeOffset? oldest = null;
        await foreach (var instance in client.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
        {
            if (++seen > MaxInstances)
            {
                break;
            }

            if (instance.ReadCustomStatusAs<EmailProgress>() is not { Recipients: { } recipients } progress)
            {
                continue;
            }

            deferred += progress.Deferred;
            foreach (var recipient in recipients)
            {
                var dueSince = recipient.Status switch
                {
                    nameof(Model.DeliveryStatus.Queued) => instance.CreatedAt,
                    nameof(Model.DeliveryStatus.Deferred) when Parse(recipient.NextAttemptTime) is { } next && next <= now => next,
                    _ => (DateTimeOffset?)null,
                };
                if (dueSince is { } since)
                {
                    due++;
                    oldest = oldest is { } o && o <= since ? o : since;
                }
            }
        }

        return new DeliveryBacklog(due, deferred, oldest);
    }

    private static DateTimeOffset? Parse(string? time) =>
        DateTimeOffset.TryParse(time, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : null;
}
