using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace Mailstrom.Durable.Webhooks;

/// <summary>The <see cref="DurableTaskNames.Notify"/> activity for Durable Task workers outside the Functions host.</summary>
[DurableTask(DurableTaskNames.Notify)]
public sealed class NotifyActivity : TaskActivity<NotifyInput, int>
{
    private readonly WebhookNotifier _notifier;
    private readonly DurableTaskClient _client;

    /// <summary>Creates the activity.</summary>
    /// <param name="notifier">The notification work.</param>
    /// <param name="client">The task hub's client, which starts the retries.</param>
    public NotifyActivity(WebhookNotifier notifier, DurableTaskClient client)
    {
        _notifier = notifier;
        _client = client;
    }

    /// <inheritdoc />
    public override Task<int> RunAsync(TaskActivityContext context, NotifyInput input) =>
        _notifier.NotifyAsync(_client, input, CancellationToken.None);
}
