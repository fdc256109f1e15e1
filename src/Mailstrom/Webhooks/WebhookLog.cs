using Microsoft.Extensions.Logging;

namespace Mailstrom.Webhooks;

/// <summary>Webhooks' log messages (event ids 2400-2499). Endpoints are named, never their secrets; payloads are not logged.</summary>
internal static partial class WebhookLog
{
    [LoggerMessage(2400, LogLevel.Debug, "Webhook {EventId} delivered to {Endpoint} (try {Attempt}): {Detail}")]
    public static partial void Delivered(ILogger logger, string eventId, string endpoint, int attempt, string detail);

    [LoggerMessage(2401, LogLevel.Information, "Webhook {EventId} to {Endpoint} failed (try {Attempt}: {Detail}); next try at {NextAttemptTime:O}")]
    public static partial void Retrying(ILogger logger, string eventId, string endpoint, int attempt, string detail, DateTimeOffset? nextAttemptTime);

    [LoggerMessage(2402, LogLevel.Warning, "Webhook {EventId} to {Endpoint} is dead after {Attempt} tries: {Detail}")]
    public static partial void Dead(ILogger logger, string eventId, string endpoint, int attempt, string detail);

    [LoggerMessage(2403, LogLevel.Information, "Webhook dispatcher started: {Endpoints} endpoint(s), at most {MaxConcurrency} requests at once")]
    public static partial void DispatcherStarted(ILogger logger, int endpoints, int maxConcurrency);
}
