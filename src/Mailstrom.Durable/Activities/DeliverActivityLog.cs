using Microsoft.Extensions.Logging;

namespace Mailstrom.Durable.Activities;

/// <summary>The log entries of the <see cref="DurableTaskNames.Deliver"/> activity.</summary>
internal static partial class DeliverActivityLog
{
    [LoggerMessage(3101, LogLevel.Warning,
        "Email {EmailId}: {Count} address(es) to suppress could not be recorded; each is suppressed by its next permanent failure instead")]
    public static partial void SuppressionNotRecorded(ILogger logger, string emailId, int count, Exception exception);
}
