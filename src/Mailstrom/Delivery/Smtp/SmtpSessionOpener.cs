using System.Net;
using MailKit.Net.Smtp;
using MailKit.Security;
using Mailstrom.Delivery.MtaSts;
using Mailstrom.Delivery.Tls;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mailstrom.Delivery.Smtp;

/// <summary>
/// Opens an SMTP session to exactly one address: dials it within the connect timeout, reads the greeting, says EHLO,
/// negotiates TLS as the endpoint asks (opportunistic STARTTLS records the certificate's validity rather than refusing
/// it; an MTA-STS enforced endpoint refuses a session without STARTTLS or with a certificate not valid for the host), and
/// answers either an open connection or the reason to try the next host.
/// </summary>
/// <param name="options">The settings: <see cref="MailstromOptions.HeloName"/> and the delivery timeouts.</param>
/// <param name="trust">Judges server certificates (the system's trust store and the configured extra authorities).</param>
/// <param name="timeProvider">The clock of the timeouts.</param>
/// <param name="logger">Where failed sessions are logged.</param>
internal sealed class SmtpSessionOpener(IOptions<MailstromOptions> options, CertificateTrust trust, TimeProvider timeProvider, ILogger logger)
{
    /// <summary>Opens a session to <paramref name="endpoint"/>.</summary>
    /// <returns>The open connection, or the failure that sends the attempt to the next host.</returns>
    public async Task<(PooledSmtpConnection? Connection, SmtpSessionResult? Failure)> OpenAsync(
        SmtpEndpoint endpoint, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        var host = endpoint.HostName;
        var address = new IPEndPoint(endpoint.Address, endpoint.Port);
        var (socket, connectError) = await SocketConnector.ConnectAsync(
            address, settings.Delivery.ConnectTimeout, timeProvider, cancellationToken);
        if (socket is null)
        {
            DeliveryLog.ConnectFailed(logger, host, endpoint.Address, endpoint.Port, connectError!);
            return (null, SmtpSessionResult.NextHost(DeliveryReasons.ConnectFailed(host, address, connectError!)));
        }

        var client = new RecordingSmtpClient
        {
            LocalDomain = settings.HeloName,
            Timeout = (int)Math.Min(int.MaxValue, settings.Delivery.CommandTimeout.TotalMilliseconds),
            CheckCertificateRevocation = false,
        };
        client.ServerCertificateValidationCallback = (_, certificate, chain, errors) =>
        {
            // Opportunistic TLS (RFC 7435): any certificate beats plaintext, and its validity is recorded; an enforced
            // MTA-STS policy (RFC 8461 §4.2) accepts only a valid one.
            var problem = trust.Check(certificate, chain, errors);
            client.RecordCertificate(problem);
            return problem is null || !endpoint.MtaStsEnforced;
        };

        SmtpSessionResult? refused;
        try
        {
            refused = await HandshakeAsync(client, socket, endpoint, settings.Delivery, cancellationToken);
        }
        catch
        {
            client.Dispose();
            throw;
        }

        if (refused is not null)
        {
            client.Dispose();
            return (null, refused);
        }

        return (new PooledSmtpConnection(client, timeProvider.GetUtcNow()), null);
    }

    private async Task<SmtpSessionResult?> HandshakeAsync(
        RecordingSmtpClient client, System.Net.Sockets.Socket socket, SmtpEndpoint endpoint, DeliveryOptions delivery,
        CancellationToken cancellationToken)
    {
        var host = endpoint.HostName;
        var security = endpoint.Security switch
        {
            SmtpSecurity.Implicit => SecureSocketOptions.SslOnConnect,
            SmtpSecurity.None => SecureSocketOptions.None,
            _ => SecureSocketOptions.StartTlsWhenAvailable,
        };

        // The greeting, EHLO and the TLS handshake must all finish within the connect timeout plus one reply's time.
        using var timeout = new CancellationTokenSource(delivery.ConnectTimeout + delivery.CommandTimeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        AttemptOutcome? failure = null;
        try
        {
            client.SetStage("greeting");
            await client.ConnectAsync(socket, host, endpoint.Port, security, linked.Token);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            socket.Dispose();
            throw;
        }
        catch (SmtpCommandException ex)
        {
            // A 421/4xx (or 5xx) greeting or EHLO refusal: this host will not talk now; another may.
            failure = SmtpReply.ToOutcome((int)ex.StatusCode, ex.Message, host, null) with { Kind = AttemptOutcomeKind.Transient };
        }
        catch (SslHandshakeException ex)
        {
            failure = endpoint.MtaStsEnforced && client.CertificateProblem is { } problem
                ? MtaStsReasons.EnforcedCertificateInvalid(host, problem)
                : DeliveryReasons.TlsHandshakeFailed(host, ex.InnerException?.Message ?? ex.Message);
        }
        catch (Exception ex)
        {
            failure = DeliveryReasons.SessionFailed(host, "greeting and EHLO", SmtpSessionEnd.Describe(ex, timeout.IsCancellationRequested));
        }

        if (failure is null && endpoint.Security == SmtpSecurity.StartTlsRequired && !client.IsSecure)
        {
            failure = endpoint.MtaStsEnforced ? MtaStsReasons.EnforcedNoStartTls(host) : DeliveryReasons.TlsRequiredNotOffered(host);
            await SmtpSessionEnd.QuitAsync(client, timeProvider);
        }

        if (failure is null)
        {
            return null;
        }

        socket.Dispose();
        DeliveryLog.SessionNotStarted(logger, host, endpoint.Address, endpoint.Port, failure.Response);
        return SmtpSessionResult.NextHost(failure);
    }
}
