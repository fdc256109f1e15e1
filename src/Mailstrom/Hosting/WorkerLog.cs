using Mailstrom.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Mailstrom.Hosting;

/// <summary>The delivery worker's log messages (event ids 1000–1099).</summary>
internal static partial class WorkerLog
{
    [LoggerMessage(1000, LogLevel.Information, "Delivery worker {Owner} started (max concurrency {MaxConcurrency}, per domain {PerDomain})")]
    public static partial void Started(ILogger logger, string owner, int maxConcurrency, int perDomain);

    [LoggerMessage(1001, LogLevel.Information, "Delivery worker is disabled (Mailstrom:Delivery:EnableWorker=false)")]
    public static partial void Disabled(ILogger logger);

    [LoggerMessage(1002, LogLevel.Error, "The store is unavailable; the delivery worker backs off and retries")]
    public static partial void StoreUnavailable(ILogger logger, Exception exception);

    [LoggerMessage(1010, LogLevel.Debug, "The store is still unavailable (failure {Failures}); next try in {Delay}")]
    public static partial void StoreStillUnavailable(ILogger logger, int failures, TimeSpan delay);

    [LoggerMessage(1003, LogLevel.Information, "The store is available again after {Failures} failed calls")]
    public static partial void StoreRecovered(ILogger logger, int failures);

    [LoggerMessage(1004, LogLevel.Information, "Email {EmailId}: {Recipient} -> {Status} (attempt {Attempt}, {SmtpCode} {EnhancedCode})")]
    public static partial void RecipientUpdated(ILogger logger, string emailId, LogText recipient, string status, int attempt, int? smtpCode, string? enhancedCode);

    [LoggerMessage(1005, LogLevel.Error, "Recording results for email {EmailId} failed; the lease will expire and the recipients will be retried")]
    public static partial void RecordFailed(ILogger logger, string emailId, Exception exception);

    [LoggerMessage(1006, LogLevel.Error, "Delivery of a batch of email {EmailId} failed unexpectedly; its leases are released")]
    public static partial void BatchFaulted(ILogger logger, string emailId, Exception exception);

    [LoggerMessage(1007, LogLevel.Information, "Delivery worker stopping: {InFlight} batches in flight")]
    public static partial void Stopping(ILogger logger, int inFlight);

    [LoggerMessage(1008, LogLevel.Warning, "Delivery worker stopped with {InFlight} batches unfinished; their leases were released")]
    public static partial void Abandoned(ILogger logger, int inFlight);

    [LoggerMessage(1009, LogLevel.Warning, "Email {EmailId} was purged while recipients were claimed; skipping them")]
    public static partial void ContentMissing(ILogger logger, string emailId);

    [LoggerMessage(1011, LogLevel.Information, "Released {Count} leases held by a process that is gone; their recipients are retried now")]
    internal static partial void ReleasedGoneLeases(ILogger logger, int count);

    [LoggerMessage(1012, LogLevel.Warning, "Looking for leases of processes that are gone failed; they will expire on their own: {Error}")]
    internal static partial void ReleaseGoneLeasesFailed(ILogger logger, string error);
}
