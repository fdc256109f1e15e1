using System.Text.Json;
using System.Text.Json.Serialization;
using Mailstrom.Contracts;

namespace Mailstrom.Webhooks;

/// <summary>
/// The body of a webhook request, as the Standard Webhooks specification shapes it:
/// <c>{"type": "recipient.delivered", "timestamp": "2026-05-01T12:00:00Z", "data": {...}}</c>. One format for both
/// engines; fields that do not apply are left out.
/// </summary>
public static class WebhookPayload
{
    private static readonly JsonSerializerOptions Options = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull };

    /// <summary>Writes the body of <paramref name="webhookEvent"/>.</summary>
    /// <param name="webhookEvent">The event.</param>
    /// <returns>The JSON text (sent as UTF-8).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="webhookEvent"/> is <see langword="null"/>.</exception>
    public static string Serialize(WebhookEvent webhookEvent)
    {
        ArgumentNullException.ThrowIfNull(webhookEvent);
        return JsonSerializer.Serialize(
            new Envelope(webhookEvent.Type, DurableTime.Format(webhookEvent.Timestamp), webhookEvent.Data), Options);
    }

    private sealed record Envelope(
        [property: JsonPropertyName("type")] string Type,
        [property: JsonPropertyName("timestamp")] string Timestamp,
        [property: JsonPropertyName("data")] WebhookEventData Data);
}
