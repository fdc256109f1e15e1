using Mailstrom.Durable;
using Mailstrom.Durable.Webhooks;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Mailstrom.Functions.Orchestration;

/// <summary>
/// The <see cref="DurableTaskNames.Notify"/> activity function: posts an email's webhook events a first time and starts
/// retry instances (through the bound client) for those an endpoint did not take, by the Durable engine's <see cref="WebhookNotifier"/>.
/// </summary>
public sealed class NotifyFunction
{
    private readonly WebhookNotifier _notifier;

    /// <summary>Creates the function over the notification work.</summary>
    /// <param name="notifier">The notification work.</param>
    public NotifyFunction(WebhookNotifier notifier)
    {
        _notifier = notifier;
    }

    /// <summary>Posts the input's events.</summary>
    /// <param name="input">The events, bound by the host.</param>
    /// <param name="client">The task hub's client, bound by the host.</param>
    /// <param name="cancellationToken">Cancelled when the host shuts down.</param>
    /// <returns>How many (event, endpoint) pairs wait for a retry.</returns>
    [Function(DurableTaskNames.Notify)]
    public Task<int> RunAsync([ActivityTrigger] NotifyInput input, [DurableClient] DurableTaskClient client, CancellationToken cancellationToken) =>
        _notifier.NotifyAsync(client, input, cancellationToken);
}
