using Mailstrom.Durable.Content;
using Mailstrom.Durable.Orchestrations;
using Mailstrom.Durable.Webhooks;
using Mailstrom.Model;
using Mailstrom.Submission;
using Microsoft.DurableTask.Client;

namespace Mailstrom.Durable.Client;

/// <summary>
/// Ends an email on the task hub: terminate (the root instance and its pages, then the email's webhook events handed
/// over from here, as no orchestration of the email lives on to tell them) and purge (stopped first when still running,
/// then its instances, its finished webhook retries and its content).
/// </summary>
internal sealed class EmailStopper(DurableTaskClient client, IMessageContentStore content, EmailStatusReader reader, WebhookNotifier? webhooks)
{
    /// <summary>How long a terminate waits for the instance to report itself terminated.</summary>
    public static readonly TimeSpan TerminateWait = TimeSpan.FromSeconds(10);

    public async Task<TerminateResult> TerminateAsync(string id, string? reason, CancellationToken cancellationToken)
    {
        if (!EmailIds.IsWellFormed(id) || await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken) is not { } root)
        {
            return TerminateResult.NotFound;
        }

        if (root.IsCompleted)
        {
            if (root.RuntimeStatus == OrchestrationRuntimeStatus.Terminated)
            {
                await PublishTerminationAsync(id, cancellationToken);
            }

            return TerminateResult.AlreadyTerminal;
        }

        await StopAsync(root, reason, cancellationToken);
        await PublishTerminationAsync(id, cancellationToken);
        return TerminateResult.Terminated;
    }

    /// <summary>
    /// Hands a terminated email's events to webhook instances (no orchestration of the email lives on to tell them), timed
    /// when the root recorded its termination: a repeated terminate call hands over the same events, under the same ids.
    /// </summary>
    private async Task PublishTerminationAsync(string id, CancellationToken cancellationToken)
    {
        if (webhooks?.SubscribedTypes is not null
            && await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken) is { } root
            && await reader.ReadAsync(root, cancellationToken) is { } status)
        {
            await webhooks.PublishTerminationAsync(client, status, root.LastUpdatedAt, cancellationToken);
        }
    }

    public async Task<bool> PurgeAsync(string id, CancellationToken cancellationToken)
    {
        if (!EmailIds.IsWellFormed(id) || await client.GetInstanceAsync(id, getInputsAndOutputs: true, cancellationToken) is not { } root)
        {
            return false;
        }

        if (!root.IsCompleted)
        {
            // Durable Task purges only finished instances: an email still being delivered is stopped first.
            await StopAsync(root, "purged", cancellationToken);
        }

        var purged = await client.PurgeInstanceAsync(id, cancellation: cancellationToken);
        foreach (var page in PageIds(root))
        {
            await client.PurgeInstanceAsync(page, cancellation: cancellationToken);
        }

        await WebhookNotifier.PurgeFinishedRetriesAsync(client, id, cancellationToken);

        // An email sent with an idempotency key leaves a tombstone for the rest of the key's window.
        var keyed = root.ReadInputAs<SendEmailInput>()?.RequestFingerprint is not null;
        await content.DeleteAsync(id, keyed ? root.CreatedAt + IdempotencyRequest.Window : null, cancellationToken);
        return purged.PurgedInstanceCount > 0;
    }

    /// <summary>
    /// Terminates the email's root instance and, once it can start no more of them, each of its pages: a task hub
    /// may not terminate children with their parent, so they are terminated by id.
    /// </summary>
    private async Task StopAsync(OrchestrationMetadata root, string? reason, CancellationToken cancellationToken)
    {
        await client.TerminateInstanceAsync(root.InstanceId, new TerminateInstanceOptions { Output = reason, Recursive = true }, cancellationToken);
        await WaitUntilFinalAsync(root.InstanceId, cancellationToken);
        foreach (var page in PageIds(root))
        {
            if (await client.GetInstanceAsync(page, getInputsAndOutputs: false, cancellationToken) is { IsCompleted: false })
            {
                await client.TerminateInstanceAsync(page, new TerminateInstanceOptions { Output = reason }, cancellationToken);
            }
        }
    }

    private static IEnumerable<string> PageIds(OrchestrationMetadata root)
    {
        var pages = root.ReadInputAs<SendEmailInput>() is { } input ? RecipientPages.Count(input.Recipients.Count) : 0;
        return Enumerable.Range(0, pages).Select(page => RecipientPages.InstanceId(root.InstanceId, page));
    }

    private async Task WaitUntilFinalAsync(string id, CancellationToken cancellationToken)
    {
        using var wait = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        wait.CancelAfter(TerminateWait);
        try
        {
            await client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: false, wait.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // The terminate request is committed; the instance reports it when its worker next runs.
        }
    }
}
