using Mailstrom.Diagnostics;
using Mailstrom.Webhooks.Sending;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Mailstrom.Webhooks;

/// <summary>
/// One try of one event at one endpoint, the same for both engines: POST it signed (<see cref="WebhookSender"/>), apply
/// <see cref="WebhookRetryRule"/>, count and log the result. The native dispatcher stores the decision in its outbox; the
/// Durable engine's activities return it to the orchestration that waits for the next try.
/// </summary>
public sealed class WebhookDelivery
{
    private readonly WebhookEndpoints _endpoints;
    private readonly WebhookSender _sender;
    private readonly WebhookOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly MailstromMetrics _metrics;
    private readonly ILogger _logger;

    /// <summary>Creates the delivery.</summary>
    /// <param name="endpoints">The configured endpoints.</param>
    /// <param name="sender">Posts the requests.</param>
    /// <param name="options">The webhook settings (the retry rule's).</param>
    /// <param name="timeProvider">The clock of the decisions.</param>
    /// <param name="metrics">Counts each try.</param>
    /// <param name="logger">Logs each try; <see langword="null"/> logs nothing.</param>
    public WebhookDelivery(
        WebhookEndpoints endpoints,
        WebhookSender sender,
        IOptions<WebhookOptions> options,
        TimeProvider timeProvider,
        MailstromMetrics metrics,
        ILogger<WebhookDelivery>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        _endpoints = endpoints;
        _sender = sender;
        _options = options.Value;
        _timeProvider = timeProvider;
        _metrics = metrics;
        _logger = logger ?? (ILogger)NullLogger.Instance;
    }

    /// <summary>Tries <paramref name="webhookEvent"/> at the endpoint named <paramref name="endpoint"/>.</summary>
    /// <param name="endpoint">The endpoint's name.</param>
    /// <param name="webhookEvent">The event.</param>
    /// <param name="attempt">This try's number, from 1.</param>
    /// <param name="cancellationToken">Cancels the try (shutdown).</param>
    /// <returns>The decision.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public Task<WebhookDecision> AttemptAsync(string endpoint, WebhookEvent webhookEvent, int attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(webhookEvent);
        return AttemptAsync(endpoint, webhookEvent.Id, WebhookPayload.Serialize(webhookEvent), webhookEvent.Timestamp, attempt, cancellationToken);
    }

    /// <summary>Tries an event already written as its payload.</summary>
    /// <param name="endpoint">The endpoint's name.</param>
    /// <param name="eventId">The event id.</param>
    /// <param name="payload">The payload, as <see cref="WebhookPayload"/> wrote it.</param>
    /// <param name="eventTime">When the event happened.</param>
    /// <param name="attempt">This try's number, from 1.</param>
    /// <param name="cancellationToken">Cancels the try (shutdown).</param>
    /// <returns>The decision.</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public async Task<WebhookDecision> AttemptAsync(
        string endpoint, string eventId, string payload, DateTimeOffset eventTime, int attempt, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(eventId);
        ArgumentNullException.ThrowIfNull(payload);
        WebhookDecision decision;
        if (_endpoints.Find(endpoint) is not { } target)
        {
            decision = new WebhookDecision(WebhookDecisionKind.Dead, null, $"no endpoint is configured as '{endpoint}' any more");
        }
        else
        {
            var response = await _sender.PostAsync(target, eventId, payload, cancellationToken);
            decision = WebhookRetryRule.Decide(response, attempt, eventTime, _timeProvider.GetUtcNow(), _options);
        }

        _metrics.WebhookSent(endpoint, decision.Kind);
        switch (decision.Kind)
        {
            case WebhookDecisionKind.Delivered:
                WebhookLog.Delivered(_logger, eventId, endpoint, attempt, decision.Detail);
                break;
            case WebhookDecisionKind.Retry:
                WebhookLog.Retrying(_logger, eventId, endpoint, attempt, decision.Detail, decision.NextAttemptTime);
                break;
            default:
                WebhookLog.Dead(_logger, eventId, endpoint, attempt, decision.Detail);
                break;
        }

        return decision;
    }
}
