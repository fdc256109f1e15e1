using Mailstrom.Webhooks;

namespace Mailstrom.Durable.Webhooks;

/// <summary>The input of the <see cref="DurableTaskNames.Notify"/> activity: events of one email to post a first time.</summary>
/// <param name="Events">The events, all of the same email.</param>
public sealed record NotifyInput(IReadOnlyList<WebhookEvent> Events);

/// <summary>An event waiting for its next try at one endpoint.</summary>
/// <param name="Event">The event.</param>
/// <param name="Attempts">Tries so far.</param>
/// <param name="NextAttemptTime">When to try next.</param>
public sealed record PendingWebhook(WebhookEvent Event, int Attempts, DateTimeOffset NextAttemptTime);

/// <summary>The input of one <see cref="DurableTaskNames.WebhookRetries"/> instance: events of one email for one endpoint.</summary>
/// <param name="Endpoint">The endpoint's configured name (its URL and secrets are read by the activity, never carried).</param>
/// <param name="Events">The events still to deliver.</param>
public sealed record WebhookRetriesInput(string Endpoint, IReadOnlyList<PendingWebhook> Events);

/// <summary>The input of the <see cref="DurableTaskNames.PostWebhook"/> activity: one try of one event at one endpoint.</summary>
/// <param name="Endpoint">The endpoint's configured name.</param>
/// <param name="Event">The event.</param>
/// <param name="Attempt">This try's number, from 1.</param>
public sealed record PostWebhookInput(string Endpoint, WebhookEvent Event, int Attempt);
