using Mailstrom.Composition;
using Microsoft.Extensions.Logging;

namespace Mailstrom.Http.Diagnostics;

/// <summary>
/// The HTTP API's log messages, with stable event ids (2200-2299). Keys, <c>code</c> values and request bodies are never
/// logged.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2202, Level = LogLevel.Information, Message = "Email {EmailId} accepted ({Outcome}).")]
    public static partial void EmailAccepted(ILogger logger, string emailId, string outcome);

    [LoggerMessage(EventId = 2203, Level = LogLevel.Information,
        Message = "Refused an email: its idempotency key was used for a different email.")]
    public static partial void IdempotencyConflict(ILogger logger);

    [LoggerMessage(EventId = 2204, Level = LogLevel.Information,
        Message = "Refused a {MediaType} request body larger than {LimitBytes} bytes.")]
    public static partial void RequestBodyTooLarge(ILogger logger, string mediaType, long limitBytes);

    [LoggerMessage(EventId = 2205, Level = LogLevel.Information,
        Message = "Refused an email: {Field} is invalid ({Kind}).")]
    public static partial void EmailRefused(ILogger logger, string field, ValidationErrorKind kind);

    [LoggerMessage(EventId = 2206, Level = LogLevel.Information, Message = "Email {EmailId} terminated.")]
    public static partial void EmailTerminated(ILogger logger, string emailId);

    [LoggerMessage(EventId = 2207, Level = LogLevel.Information, Message = "Email {EmailId} purged.")]
    public static partial void EmailPurged(ILogger logger, string emailId);
}
