using Mailstrom.Delivery;
using Mailstrom.Retry;
using Mailstrom.Composition;
using Mailstrom.Diagnostics;
using Mailstrom.Durable.Content;
using Mailstrom.Durable.Webhooks;
using Mailstrom.Suppression;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Mailstrom.Durable.Client;

/// <summary>
/// Creates the Durable engine's <see cref="IMailstrom"/> over a given <see cref="DurableTaskClient"/>: the one in the
/// container, or the one the Azure Functions host binds to each invocation.
/// </summary>
public sealed class DurableMailstromFactory
{
    private readonly EmailComposer _composer;
    private readonly IMessageContentStore _content;
    private readonly IOptions<RetryOptions> _retry;
    private readonly IOptions<DeliveryOptions> _delivery;
    private readonly TimeProvider _timeProvider;
    private readonly MailstromMetrics _metrics;
    private readonly WebhookNotifier? _webhooks;
    private readonly ISuppressionList? _suppressions;

    /// <summary>Creates the factory from the engine's services.</summary>
    /// <param name="composer">Validates and composes emails.</param>
    /// <param name="content">Where message bytes are stored.</param>
    /// <param name="retry">The retry policy.</param>
    /// <param name="delivery">The delivery settings.</param>
    /// <param name="timeProvider">The clock.</param>
    /// <param name="metrics">The acceptance metrics.</param>
    /// <param name="webhooks">The webhook work; <see langword="null"/> when webhooks are not registered.</param>
    /// <param name="suppressions">The suppression list; <see langword="null"/> when none is registered.</param>
    public DurableMailstromFactory(
        EmailComposer composer,
        IMessageContentStore content,
        IOptions<RetryOptions> retry,
        IOptions<DeliveryOptions> delivery,
        TimeProvider timeProvider,
        MailstromMetrics metrics,
        WebhookNotifier? webhooks = null,
        ISuppressionList? suppressions = null)
    {
        _composer = composer;
        _content = content;
        _retry = retry;
        _delivery = delivery;
        _timeProvider = timeProvider;
        _metrics = metrics;
        _webhooks = webhooks;
        _suppressions = suppressions;
    }

    /// <summary>The engine's <see cref="IMailstrom"/> over <paramref name="client"/>.</summary>
    /// <param name="client">A Durable Task client of the task hub.</param>
    /// <returns>The engine's API, with the acceptance telemetry.</returns>
    public IMailstrom Create(DurableTaskClient client) =>
        new InstrumentedMailstrom(new DurableMailstrom(client, _composer, _content, _retry, _delivery, _timeProvider, _webhooks, _suppressions), _metrics, _timeProvider);
}
