namespace Mailstrom.Webhooks;

/// <summary>What becomes of an event for one endpoint after a try.</summary>
public enum WebhookDecisionKind
{
    /// <summary>The receiver took it (2xx): done.</summary>
    Delivered,

    /// <summary>Try again at <see cref="WebhookDecision.NextAttemptTime"/>.</summary>
    Retry,

    /// <summary>Given up: refused by the receiver (4xx) or past the retry horizon. Kept for inspection, counted.</summary>
    Dead,
}

/// <summary>The retry rule's verdict on one try of an event.</summary>
/// <param name="Kind">Delivered, retry or dead.</param>
/// <param name="NextAttemptTime">When to try again (<see cref="WebhookDecisionKind.Retry"/> only).</param>
/// <param name="Detail">What the try got, for logs and inspection.</param>
public sealed record WebhookDecision(WebhookDecisionKind Kind, DateTimeOffset? NextAttemptTime, string Detail);
