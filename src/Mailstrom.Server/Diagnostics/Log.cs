using Mailstrom.Composition;

namespace Mailstrom.Server.Diagnostics;

/// <summary>
/// The server's log messages, with stable event ids (2000-2099). Keys, <c>code</c> values and request bodies
/// are never logged.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2000, Level = LogLevel.Warning,
        Message = "No function key is configured (Mailstrom:Api:Keys): only loopback clients are served. " +
                  "Set Mailstrom__Api__Keys__0 before exposing this app to a network.")]
    public static partial void NoFunctionKeysConfigured(ILogger logger);

    [LoggerMessage(EventId = 2008, Level = LogLevel.Warning,
        Message = "{Count} function key(s) in Mailstrom:Api:Keys are shorter than {Recommended} characters and may be guessed; " +
                  "use long random keys.")]
    public static partial void ShortFunctionKeys(ILogger logger, int count, int recommended);

    [LoggerMessage(EventId = 2001, Level = LogLevel.Information,
        Message = "Refused {Method} {Path}: missing or invalid function key, or a non-loopback client without configured keys.")]
    public static partial void RequestUnauthorized(ILogger logger, string method, PathString path);

    [LoggerMessage(EventId = 2002, Level = LogLevel.Information, Message = "Email {EmailId} accepted ({Outcome}).")]
    public static partial void EmailAccepted(ILogger logger, string emailId, string outcome);

    [LoggerMessage(EventId = 2003, Level = LogLevel.Information,
        Message = "Refused an email: its idempotency key was used for a different email.")]
    public static partial void IdempotencyConflict(ILogger logger);

    [LoggerMessage(EventId = 2004, Level = LogLevel.Information,
        Message = "Refused a {MediaType} request body larger than {LimitBytes} bytes.")]
    public static partial void RequestBodyTooLarge(ILogger logger, string mediaType, long limitBytes);

    [LoggerMessage(EventId = 2005, Level = LogLevel.Information,
        Message = "Refused an email: {Field} is invalid ({Kind}).")]
    public static partial void EmailRefused(ILogger logger, string field, ValidationErrorKind kind);

    [LoggerMessage(EventId = 2006, Level = LogLevel.Information, Message = "Email {EmailId} terminated.")]
    public static partial void EmailTerminated(ILogger logger, string emailId);

    [LoggerMessage(EventId = 2007, Level = LogLevel.Information, Message = "Email {EmailId} purged.")]
    public static partial void EmailPurged(ILogger logger, string emailId);
}
