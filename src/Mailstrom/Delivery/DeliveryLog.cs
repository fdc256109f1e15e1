using System.Net;
using Mailstrom.Delivery.Dns;
using Microsoft.Extensions.Logging;

namespace Mailstrom.Delivery;

/// <summary>Delivery's log messages (event ids 2100-2199). Never logs message bodies or relay credentials.</summary>
internal static partial class DeliveryLog
{
    [LoggerMessage(2100, LogLevel.Debug, "MX resolution for {Domain}: {Kind} with {HostCount} usable host(s)")]
    internal static partial void MxResolved(ILogger logger, string domain, MxResolutionKind kind, int hostCount);

    [LoggerMessage(2101, LogLevel.Warning, "Address lookup for MX host {Host} failed temporarily: {Error}")]
    internal static partial void MxHostLookupFailed(ILogger logger, string host, string? error);

    [LoggerMessage(2102, LogLevel.Warning,
        "Not dialling {Host} at non-public address {Address} (Mailstrom:Delivery:AllowPrivateDestinations is false)")]
    internal static partial void DestinationRefused(ILogger logger, string host, IPAddress address);

    [LoggerMessage(2103, LogLevel.Information, "Connection to {Host} [{Address}]:{Port} failed: {Error}")]
    internal static partial void ConnectFailed(ILogger logger, string host, IPAddress address, int port, string error);

    [LoggerMessage(2104, LogLevel.Information, "SMTP session with {Host} [{Address}]:{Port} did not start: {Reason}")]
    internal static partial void SessionNotStarted(ILogger logger, string host, IPAddress address, int port, string? reason);

    [LoggerMessage(2105, LogLevel.Debug, "TLS certificate of {Host} did not validate; continuing (opportunistic TLS)")]
    internal static partial void CertificateNotValidated(ILogger logger, string host);

    [LoggerMessage(2106, LogLevel.Warning, "SMTP session with {Host} ended during {Stage}: {Reason}")]
    internal static partial void ConnectionLost(ILogger logger, string host, string stage, string? reason);

    [LoggerMessage(2107, LogLevel.Information,
        "Email {EmailId} via {Host} [{Address}] ({Tls}): {Delivered} delivered, {Deferred} deferred, {Failed} failed")]
    internal static partial void SessionCompleted(
        ILogger logger, string emailId, string host, IPAddress address, string tls, int delivered, int deferred, int failed);

    [LoggerMessage(2108, LogLevel.Warning, "Email {EmailId} to {Domain}: no host accepted a session; last error: {Reason}")]
    internal static partial void AllHostsFailed(ILogger logger, string emailId, string domain, string? reason);

    [LoggerMessage(2109, LogLevel.Error,
        "Relay credentials are configured but Mailstrom:Delivery:Relay:Tls is None; they are never sent in plaintext")]
    internal static partial void RelayCredentialsRefused(ILogger logger);
}
