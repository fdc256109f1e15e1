using System.Net;
using Mailstrom.Delivery.Dns;
using Mailstrom.Diagnostics;
using Microsoft.Extensions.Logging;

namespace Mailstrom.Delivery;

/// <summary>
/// Delivery's log messages (event ids 2100-2199). Never logs message bodies or relay credentials. Text from outside
/// (recipient domains, MX host names from DNS, SMTP replies and error texts) is a <see cref="LogText"/>, escaped when the
/// line is written.
/// </summary>
internal static partial class DeliveryLog
{
    [LoggerMessage(2100, LogLevel.Debug, "MX resolution for {Domain}: {Kind} with {HostCount} usable host(s)")]
    internal static partial void MxResolved(ILogger logger, LogText domain, MxResolutionKind kind, int hostCount);

    [LoggerMessage(2101, LogLevel.Warning, "Address lookup for MX host {Host} failed temporarily: {Error}")]
    internal static partial void MxHostLookupFailed(ILogger logger, LogText host, LogText error);

    [LoggerMessage(2102, LogLevel.Warning,
        "Not dialling {Host} at non-public address {Address} (Mailstrom:Delivery:AllowPrivateDestinations is false)")]
    internal static partial void DestinationRefused(ILogger logger, LogText host, IPAddress address);

    [LoggerMessage(2103, LogLevel.Information, "Connection to {Host} [{Address}]:{Port} failed: {Error}")]
    internal static partial void ConnectFailed(ILogger logger, LogText host, IPAddress address, int port, LogText error);

    [LoggerMessage(2104, LogLevel.Information, "SMTP session with {Host} [{Address}]:{Port} did not start: {Reason}")]
    internal static partial void SessionNotStarted(ILogger logger, LogText host, IPAddress address, int port, LogText reason);

    [LoggerMessage(2105, LogLevel.Debug, "TLS certificate of {Host} did not validate; continuing (opportunistic TLS)")]
    internal static partial void CertificateNotValidated(ILogger logger, LogText host);

    [LoggerMessage(2106, LogLevel.Warning, "SMTP session with {Host} ended during {Stage}: {Reason}")]
    internal static partial void ConnectionLost(ILogger logger, LogText host, string stage, LogText reason);

    [LoggerMessage(2107, LogLevel.Information,
        "Email {EmailId} via {Host} [{Address}] ({Tls}): {Delivered} delivered, {Deferred} deferred, {Failed} failed")]
    internal static partial void SessionCompleted(
        ILogger logger, string emailId, LogText host, IPAddress address, string tls, int delivered, int deferred, int failed);

    [LoggerMessage(2108, LogLevel.Warning, "Email {EmailId} to {Domain}: no host accepted a session; last error: {Reason}")]
    internal static partial void AllHostsFailed(ILogger logger, string emailId, LogText domain, LogText reason);

    [LoggerMessage(2109, LogLevel.Error,
        "Relay credentials are configured but Mailstrom:Delivery:Relay:Tls is None; they are never sent in plaintext")]
    internal static partial void RelayCredentialsRefused(ILogger logger);
}
