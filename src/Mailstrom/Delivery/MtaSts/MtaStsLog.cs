using Mailstrom.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Mailstrom.Delivery.MtaSts;

/// <summary>MTA-STS's log messages (event ids 2150-2169). Text from outside (domains, HTTP errors) is a <see cref="LogText"/>.</summary>
internal static partial class MtaStsLog
{
    [LoggerMessage(2150, LogLevel.Information, "MTA-STS policy of {Domain} fetched: mode {Mode}, id {Id}, max_age {MaxAge}")]
    internal static partial void PolicyFetched(ILogger logger, LogText domain, string mode, LogText id, TimeSpan maxAge);

    [LoggerMessage(2151, LogLevel.Warning,
        "MTA-STS policy of {Domain} (id {Id}) could not be fetched: {Reason}; {Fallback}")]
    internal static partial void FetchFailed(ILogger logger, LogText domain, LogText id, LogText reason, string fallback);

    [LoggerMessage(2152, LogLevel.Warning, "MTA-STS enforce for {Domain}: {Reason}")]
    internal static partial void Enforced(ILogger logger, LogText domain, LogText reason);

    [LoggerMessage(2153, LogLevel.Information, "MTA-STS testing for {Domain} would have failed: {Reason}")]
    internal static partial void TestingFailure(ILogger logger, LogText domain, LogText reason);
}
