namespace Mailstrom.Webhooks;

/// <summary>
/// One webhook event: what changed, when, and its stable id (the <c>webhook-id</c> header), the same on every try so a
/// receiver can drop duplicates. Built by <see cref="WebhookEvents"/>, written as JSON by <see cref="WebhookPayload"/>.
/// </summary>
/// <param name="Id">The stable id, derived from what changed (see <see cref="WebhookEvents"/>).</param>
/// <param name="Type">One of <see cref="WebhookEventTypes"/>.</param>
/// <param name="Timestamp">When the change happened; the retry horizon counts from here.</param>
/// <param name="Data">The payload's <c>data</c>.</param>
public sealed record WebhookEvent(string Id, string Type, DateTimeOffset Timestamp, WebhookEventData Data);
