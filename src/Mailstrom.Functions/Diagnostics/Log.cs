using Microsoft.Extensions.Logging;

namespace Mailstrom.Functions.Diagnostics;

/// <summary>The Functions app's own log messages, with stable event ids (2200-2299). Request bodies and keys are never logged.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 2200, Level = LogLevel.Error, Message = "Function {Function} failed; answered 500 without details.")]
    public static partial void HttpFunctionFailed(ILogger logger, string function, Exception exception);
}
