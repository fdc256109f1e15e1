using Mailstrom.Durable.Orchestrations;
using Mailstrom.Model;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Mailstrom.Durable.Client;

/// <summary>
/// Lists emails as task hub instance queries, one page per call: pages of large emails are left out, and a continuation
/// token the task hub does not accept is the caller's fault (<see cref="InvalidContinuationTokenException"/>).
/// </summary>
internal sealed class EmailListing(DurableTaskClient client, EmailStatusReader reader)
{
    public async Task<EmailPage> ListAsync(EmailQuery query, CancellationToken cancellationToken)
    {
        var filter = new OrchestrationQuery
        {
            Statuses = query.RuntimeStatuses is { Count: > 0 } statuses ? RuntimeStatuses.To(statuses) : null,
            CreatedFrom = query.CreatedTimeFrom,
            CreatedTo = query.CreatedTimeTo,
            PageSize = Math.Clamp(query.Top, 1, EmailQuery.MaxTop),
            FetchInputsAndOutputs = true,
        };
        var token = DurableContinuationToken.Decode(query.ContinuationToken);
        Page<OrchestrationMetadata>? page = null;
        try
        {
            await foreach (var first in client.GetAllInstancesAsync(filter).AsPages(token, filter.PageSize).WithCancellation(cancellationToken))
            {
                page = first;
                break;
            }
        }
        catch (Exception ex) when (token is not null && ex is not OperationCanceledException && !TaskHubFaults.IsUnavailable(ex))
        {
            throw new InvalidContinuationTokenException("The continuation token was not accepted by the task hub; start again without it.", ex);
        }

        var items = new List<EmailStatus>();
        foreach (var instance in page?.Values ?? [])
        {
            if (!RecipientPages.IsPage(instance.InstanceId) && await reader.ReadAsync(instance, cancellationToken) is { } status)
            {
                items.Add(status);
            }
        }

        return new EmailPage(items, DurableContinuationToken.Encode(page?.ContinuationToken));
    }
}
