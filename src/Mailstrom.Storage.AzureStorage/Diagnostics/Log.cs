using Microsoft.Extensions.Logging;

namespace Mailstrom.Storage.AzureStorage.Diagnostics;

/// <summary>The Azure Storage store's log messages (event ids 3000–3099). Connection strings are never logged.</summary>
internal static partial class Log
{
    [LoggerMessage(3000, LogLevel.Information, "Azure Storage store ready (tables, queues and container with prefix '{Prefix}')")]
    public static partial void Ready(ILogger logger, string prefix);

    [LoggerMessage(3001, LogLevel.Warning, "Work message {MessageId} could not be processed (dequeued {DequeueCount} times); it is retried later")]
    public static partial void MessageFailed(ILogger logger, string messageId, long dequeueCount, Exception exception);

    [LoggerMessage(3002, LogLevel.Error, "Work message {MessageId} for email {EmailId} recipient {Ordinal} moved to the poison queue: {Reason}")]
    public static partial void MessagePoisoned(ILogger logger, string messageId, string? emailId, int? ordinal, string reason);

    [LoggerMessage(3003, LogLevel.Warning, "The sweep re-enqueued work for email {EmailId} recipient {Ordinal}: its queue message was lost")]
    public static partial void MessageRestored(ILogger logger, string emailId, int ordinal);

    [LoggerMessage(3004, LogLevel.Warning, "Housekeeping after a committed change failed ({Operation}); it is repaired later")]
    public static partial void HousekeepingFailed(ILogger logger, string operation, Exception exception);

    [LoggerMessage(3005, LogLevel.Warning, "The sweep failed; it runs again at the next interval")]
    public static partial void SweepFailed(ILogger logger, Exception exception);

    [LoggerMessage(3006, LogLevel.Warning, "Creating email {EmailId} failed; removing what was written")]
    public static partial void CreateFailed(ILogger logger, string emailId, Exception exception);

    [LoggerMessage(3007, LogLevel.Warning, "Leasing recipients of email {EmailId} failed; its work messages are released for another claim")]
    public static partial void LeaseFailed(ILogger logger, string emailId, Exception exception);
}
