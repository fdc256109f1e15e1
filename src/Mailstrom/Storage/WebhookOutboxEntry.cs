using Mailstrom.Webhooks;

namespace Mailstrom.Storage;

/// <summary>One claimed event for one endpoint.</summary>
/// <param name="Endpoint">The endpoint's configured name.</param>
/// <param name="EventId">The event id (<c>webhook-id</c>).</param>
/// <param name="Payload">The request body, written when the event was.</param>
/// <param name="EventTime">When the event happened.</param>
/// <param name="Attempts">Tries before this claim.</param>
/// <param name="ClaimedUntil">The end of this claim; a result is recorded only while the entry still holds it.</param>
public sealed record WebhookOutboxEntry(string Endpoint, string EventId, string Payload, DateTimeOffset EventTime, int Attempts, DateTimeOffset ClaimedUntil);

/// <summary>The result of one try of a claimed entry.</summary>
/// <param name="Entry">The entry tried.</param>
/// <param name="Decision">The retry rule's decision.</param>
public sealed record WebhookOutboxResult(WebhookOutboxEntry Entry, WebhookDecision Decision);
