using Mailstrom.Durable.Orchestrations;
using Mailstrom.Model;
using Microsoft.DurableTask.Client;

namespace Mailstrom.Durable.Client;

/// <summary>
/// Reads an email's status from its instances: the root's runtime status and input, and every recipient's state from
/// the instance that delivers it (the root itself, or one of its pages), taken from that instance's output once it
/// has completed and from its custom status until then. A recipient whose instance has not published yet is Queued;
/// once the email is Terminated, every recipient not yet final is Cancelled.
/// </summary>
internal sealed class EmailStatusReader(DurableTaskClient client)
{
    /// <summary>The status of the email whose root instance is <paramref name="root"/>.</summary>
    /// <param name="root">The root instance, read with its inputs and outputs.</param>
    /// <param name="cancellationToken">Cancels the reads of its pages.</param>
    /// <returns>The status, or <see langword="null"/> when the instance is not an email's.</returns>
    public async Task<EmailStatus?> ReadAsync(OrchestrationMetadata root, CancellationToken cancellationToken)
    {
        if (!string.Equals(root.Name, DurableTaskNames.SendEmail, StringComparison.Ordinal) || root.ReadInputAs<SendEmailInput>() is not { } input)
        {
            return null;
        }

        var recipients = input.Recipients.Select(r => new RecipientStatus(r.Address, DeliveryStatus.Queued)).ToArray();
        var lastUpdated = root.LastUpdatedAt;
        if (RecipientPages.Count(input.Recipients.Count) == 0)
        {
            Fill(recipients, 0, Progress(root));
        }
        else
        {
            var pages = client.GetAllInstancesAsync(new OrchestrationQuery
            {
                InstanceIdPrefix = RecipientPages.Prefix(input.EmailId),
                FetchInputsAndOutputs = true,
                PageSize = 1000,
            });
            await foreach (var page in pages.WithCancellation(cancellationToken))
            {
                // The prefix also finds the email's webhook retry instances: only pages are read.
                if (string.Equals(page.Name, DurableTaskNames.SendEmail, StringComparison.Ordinal) && page.ReadInputAs<SendEmailInput>() is { } pageInput)
                {
                    Fill(recipients, pageInput.FirstOrdinal, Progress(page));
                    lastUpdated = page.LastUpdatedAt > lastUpdated ? page.LastUpdatedAt : lastUpdated;
                }
            }
        }

        var runtimeStatus = RuntimeStatuses.From(root.RuntimeStatus);
        string? reason = null;
        if (runtimeStatus == RuntimeStatus.Terminated)
        {
            reason = root.ReadOutputAs<string>();
            for (var i = 0; i < recipients.Length; i++)
            {
                if (!recipients[i].IsFinal)
                {
                    recipients[i] = recipients[i] with { Status = DeliveryStatus.Cancelled, NextAttemptTime = null };
                }
            }
        }

        return new EmailStatus(input.EmailId, runtimeStatus, input.Summary, recipients, root.CreatedAt, lastUpdated, reason);
    }

    private static EmailProgress? Progress(OrchestrationMetadata instance) =>
        instance.RuntimeStatus == OrchestrationRuntimeStatus.Completed
            ? instance.ReadOutputAs<EmailProgress>()
            : instance.ReadCustomStatusAs<EmailProgress>();

    private static void Fill(RecipientStatus[] recipients, int first, EmailProgress? progress)
    {
        if (progress?.Recipients is not { } states)
        {
            return;
        }

        for (var i = 0; i < states.Count && first + i < recipients.Length; i++)
        {
            recipients[first + i] = states[i].ToRecipientStatus();
        }
    }
}
