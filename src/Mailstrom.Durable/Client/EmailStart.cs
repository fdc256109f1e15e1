using Mailstrom.Durable.Content;
using Mailstrom.Durable.Orchestrations;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Mailstrom.Durable.Client;

/// <summary>Starts one email on the task hub: its bytes to the content store, then its instance, which is never replaced.</summary>
internal sealed class EmailStart(DurableTaskClient client, IMessageContentStore content)
{
    /// <summary>Stores the email's bytes (a second store under the same id keeps the first bytes).</summary>
    public Task StoreAsync(SendEmailInput input, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken) =>
        content.PutAsync(input.EmailId, bytes, input.RequestFingerprint, cancellationToken);

    /// <summary>Schedules the email's instance; a second schedule of the same id fails, whatever the first one's state.</summary>
    public Task<string> ScheduleAsync(SendEmailInput input, CancellationToken cancellationToken) =>
        client.ScheduleNewOrchestrationInstanceAsync(
            DurableTaskNames.SendEmail,
            input,
            new StartOrchestrationOptions(input.EmailId).WithDedupeStatuses([.. StartOrchestrationOptionsExtensions.ValidDedupeStatuses]),
            cancellationToken);
}
