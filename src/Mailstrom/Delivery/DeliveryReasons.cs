using System.Net;

namespace Mailstrom.Delivery;

/// <summary>
/// Outcomes Mailstrom reports itself when no server replied: no SMTP code, an RFC 3463 enhanced code, and a reason
/// that starts with that code.
/// </summary>
internal static class DeliveryReasons
{
    internal static AttemptOutcome Outcome(AttemptOutcomeKind kind, string reason, string? mxHost = null, string? tls = null) =>
        AttemptOutcome.Local(kind, reason, mxHost, tls);

    // RFC 7505 §4.1 names the reply for a null MX, so it keeps its 556 code although no server sent it.
    internal static AttemptOutcome AttemptTimedOut(TimeSpan timeout) => Outcome(
        AttemptOutcomeKind.Transient, $"4.4.7 The delivery attempt did not finish within {timeout} (Mailstrom:Delivery:AttemptTimeout)");

    internal static AttemptOutcome NullMx(string reason) =>
        new(AttemptOutcomeKind.Permanent, 556, "5.1.10", reason) { Cause = AttemptCause.NullMx };

    internal static AttemptOutcome DomainNotFound(string reason) =>
        Outcome(AttemptOutcomeKind.Permanent, reason) with { Cause = AttemptCause.DomainNotFound };

    internal static AttemptOutcome AllDestinationsNonPublic(string domain, string? lastHost) => Outcome(
        AttemptOutcomeKind.Transient,
        $"4.4.4 All MX addresses of {domain} are non-public (refused by Mailstrom:Delivery:AllowPrivateDestinations=false)",
        lastHost);

    internal static AttemptOutcome ConnectFailed(string host, IPEndPoint endpoint, string detail) => Outcome(
        AttemptOutcomeKind.Transient, $"4.4.1 Connection to {host} [{endpoint.Address}]:{endpoint.Port} failed: {detail}", host);

    internal static AttemptOutcome SessionFailed(string host, string stage, string detail) => Outcome(
        AttemptOutcomeKind.Transient, $"4.4.2 Session with {host} failed during {stage}: {detail}", host);

    internal static AttemptOutcome ConnectionLost(string host, string stage, string detail, string? tls) => Outcome(
        AttemptOutcomeKind.Transient, $"4.4.2 Connection lost during {stage}: {detail}", host, tls);

    internal static AttemptOutcome TlsRequiredNotOffered(string host) => Outcome(
        AttemptOutcomeKind.Transient, $"4.7.10 TLS required but not offered by {host}", host);

    internal static AttemptOutcome TlsHandshakeFailed(string host, string detail) => Outcome(
        AttemptOutcomeKind.Transient, $"4.7.5 TLS handshake with {host} failed: {detail}", host);

    internal static AttemptOutcome SmtpUtf8NotSupported(string host, string address, string? tls) => Outcome(
        AttemptOutcomeKind.Permanent,
        address.All(char.IsAscii)
            ? $"5.6.7 {host} does not support SMTPUTF8, which the message needs for its UTF-8 header fields (RFC 6531, RFC 6532)"
            : $"5.6.7 {host} does not support SMTPUTF8, which the address {address} needs (RFC 6531)",
        host, tls);

    internal static AttemptOutcome CredentialsWithoutTls(string host) => Outcome(
        AttemptOutcomeKind.Transient,
        $"4.7.10 Refusing to send relay credentials to {host} without TLS (Mailstrom:Delivery:Relay:Tls is None)", host);

    internal static AttemptOutcome AuthenticationFailed(string host, string detail, string? tls) => Outcome(
        AttemptOutcomeKind.Transient, $"4.7.8 Relay {host} refused the credentials: {detail}", host, tls);

    internal static AttemptOutcome InvalidEnvelope(string detail) => Outcome(
        AttemptOutcomeKind.Permanent, $"5.1.3 Invalid envelope address: {detail}");

    internal static AttemptOutcome UnreadableMessage(string detail) => Outcome(
        AttemptOutcomeKind.Permanent, $"5.6.0 The stored message could not be parsed: {detail}");

    internal static AttemptOutcome RelayUnresolved(string host, string detail) => Outcome(
        AttemptOutcomeKind.Transient, $"4.4.3 Relay host {host} could not be resolved: {detail}", host);
}
