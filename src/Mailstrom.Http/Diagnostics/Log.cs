using Mailstrom.Composition;
using Mailstrom.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Mailstrom.Http.Diagnostics;

/// <summary>
/// The HTTP API's log messages, with stable event ids (2202-2299; the Functions app's own start at 2200). Keys, <c>code</c>
/// values and request bodies are never logged; every argument that a client chose (ids, field names, hosts, methods,
/// paths, exception messages that quote the request) is a <see cref="LogText"/>, escaped when the line is written.
/// </summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2202, Level = LogLevel.Information, Message = "Email {EmailId} accepted ({Outcome}).")]
    public static partial void EmailAccepted(ILogger logger, LogText emailId, string outcome);

    [LoggerMessage(EventId = 2203, Level = LogLevel.Information,
        Message = "Refused an email: its idempotency key was used for a different email.")]
    public static partial void IdempotencyConflict(ILogger logger);

    [LoggerMessage(EventId = 2204, Level = LogLevel.Information,
        Message = "Refused a {MediaType} request body larger than {LimitBytes} bytes.")]
    public static partial void RequestBodyTooLarge(ILogger logger, string mediaType, long limitBytes);

    [LoggerMessage(EventId = 2205, Level = LogLevel.Information,
        Message = "Refused an email: {Field} is invalid ({Kind}).")]
    public static partial void EmailRefused(ILogger logger, LogText field, ValidationErrorKind kind);

    [LoggerMessage(EventId = 2206, Level = LogLevel.Information, Message = "Email {EmailId} terminated.")]
    public static partial void EmailTerminated(ILogger logger, LogText emailId);

    [LoggerMessage(EventId = 2207, Level = LogLevel.Information, Message = "Email {EmailId} purged.")]
    public static partial void EmailPurged(ILogger logger, LogText emailId);

    [LoggerMessage(EventId = 2208, Level = LogLevel.Information,
        Message = "Refused {Method} {Path} with {Status}: {Reason}.")]
    public static partial void RequestRejected(ILogger logger, int status, LogText method, LogText path, LogText reason);

    [LoggerMessage(EventId = 2212, Level = LogLevel.Warning,
        Message = "Answered {Method} {Path} with 503: the store cannot serve now ({Cause}); the client is asked to retry.")]
    public static partial void StoreUnavailable(ILogger logger, LogText method, LogText path, string cause);

    [LoggerMessage(EventId = 2209, Level = LogLevel.Debug,
        Message = "The client of {Method} {Path} went away before it was answered.")]
    public static partial void ClientDisconnected(ILogger logger, LogText method, LogText path);

    [LoggerMessage(EventId = 2210, Level = LogLevel.Information,
        Message = "Refused {Method} {Path}: the host '{Host}' (scheme {Scheme}) is not one this API serves (AllowedHosts).")]
    public static partial void HostRefused(ILogger logger, LogText method, LogText path, LogText host, LogText scheme);

    [LoggerMessage(EventId = 2211, Level = LogLevel.Debug,
        Message = "A list page of {Offered} emails was cut to {Kept} to stay within {BudgetBytes} bytes.")]
    public static partial void ListPageCut(ILogger logger, int offered, int kept, long budgetBytes);
}
