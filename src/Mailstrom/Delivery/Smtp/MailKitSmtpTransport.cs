using System.Net;
using System.Net.Security;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Mailstrom.Delivery.Smtp;

/// <summary>
/// Sends one transaction over a MailKit connection to exactly the given address: an idle pooled one that still answers
/// RSET, or a fresh one (it dials the address itself, so the connect timeout and the destination policy apply to exactly
/// that address), negotiates TLS, optionally authenticates, and turns every reply into per-recipient outcomes. A
/// connection left in a clean state goes back to the pool (<see cref="SmtpConnectionPool"/>) for the next transaction.
/// </summary>
internal sealed class MailKitSmtpTransport : ISmtpTransport, IDisposable, IAsyncDisposable
{
    private static readonly TimeSpan QuitTimeout = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan MaxResetTimeout = TimeSpan.FromSeconds(10);

    private readonly IOptions<MailstromOptions> _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<MailKitSmtpTransport> _logger;
    private readonly SmtpConnectionPool _pool;

    public MailKitSmtpTransport(IOptions<MailstromOptions> options, TimeProvider timeProvider, ILogger<MailKitSmtpTransport> logger)
        : this(options, timeProvider, logger, SmtpConnectionPoolSettings.Default)
    {
    }

    internal MailKitSmtpTransport(
        IOptions<MailstromOptions> options, TimeProvider timeProvider, ILogger<MailKitSmtpTransport> logger, SmtpConnectionPoolSettings pooling)
    {
        _options = options;
        _timeProvider = timeProvider;
        _logger = logger;
        _pool = new SmtpConnectionPool(pooling, timeProvider, CloseAsync);
    }

    /// <summary>Gets the pool of idle connections.</summary>
    internal SmtpConnectionPool Pool => _pool;

    public async Task<SmtpSessionResult> SendAsync(SmtpEndpoint endpoint, SmtpTransaction transaction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        ArgumentNullException.ThrowIfNull(transaction);
        var connection = await RentAsync(endpoint, cancellationToken);
        if (connection is null)
        {
            var (opened, failure) = await OpenAsync(endpoint, cancellationToken);
            if (opened is null)
            {
                return failure!;
            }

            connection = opened;
        }

        var reusable = false;
        try
        {
            var result = await TransactAsync(connection.Client, endpoint, transaction, cancellationToken);
            reusable = !connection.Client.Faulted;
            return result;
        }
        finally
        {
            if (!reusable || !_pool.TryReturn(endpoint, connection))
            {
                await CloseAsync(connection);
            }
        }
    }

    /// <summary>Closes the idle pooled connections with QUIT.</summary>
    public ValueTask DisposeAsync() => _pool.DisposeAsync();

    /// <summary>Drops the idle pooled connections.</summary>
    public void Dispose() => _pool.Dispose();

    /// <summary>An idle pooled connection that answers RSET; the ones that do not are closed.</summary>
    private async Task<PooledSmtpConnection?> RentAsync(SmtpEndpoint endpoint, CancellationToken cancellationToken)
    {
        var timeout = _options.Value.Delivery.CommandTimeout < MaxResetTimeout ? _options.Value.Delivery.CommandTimeout : MaxResetTimeout;
        while (_pool.TryRent(endpoint) is { } connection)
        {
            using var reset = new CancellationTokenSource(timeout, _timeProvider);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, reset.Token);
            bool alive;
            try
            {
                alive = await connection.Client.TryResetAsync(linked.Token);
            }
            catch (OperationCanceledException)
            {
                await CloseAsync(connection);
                throw;
            }

            if (alive)
            {
                return connection;
            }

            await CloseAsync(connection);
        }

        return null;
    }

    private async Task<(PooledSmtpConnection? Connection, SmtpSessionResult? Failure)> OpenAsync(
        SmtpEndpoint endpoint, CancellationToken cancellationToken)
    {
        var settings = _options.Value;
        var host = endpoint.HostName;
        var address = new IPEndPoint(endpoint.Address, endpoint.Port);
        var (socket, connectError) = await SocketConnector.ConnectAsync(
            address, settings.Delivery.ConnectTimeout, _timeProvider, cancellationToken);
        if (socket is null)
        {
            DeliveryLog.ConnectFailed(_logger, host, endpoint.Address, endpoint.Port, connectError!);
            return (null, SmtpSessionResult.NextHost(DeliveryReasons.ConnectFailed(host, address, connectError!)));
        }

        var client = new RecordingSmtpClient
        {
            LocalDomain = settings.HeloName,
            Timeout = (int)Math.Min(int.MaxValue, settings.Delivery.CommandTimeout.TotalMilliseconds),
            CheckCertificateRevocation = false,
        };
#pragma warning disable CA5359 // Opportunistic TLS (RFC 7435): any certificate beats plaintext; validity is recorded.
        client.ServerCertificateValidationCallback = (_, _, _, errors) =>
        {
            client.RecordCertificate(errors == SslPolicyErrors.None);
            return true;
        };
#pragma warning restore CA5359

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

        return (new PooledSmtpConnection(client, _timeProvider.GetUtcNow()), null);
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
        using var timeout = new CancellationTokenSource(delivery.ConnectTimeout + delivery.CommandTimeout, _timeProvider);
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
            failure = DeliveryReasons.TlsHandshakeFailed(host, ex.InnerException?.Message ?? ex.Message);
        }
        catch (Exception ex)
        {
            failure = DeliveryReasons.SessionFailed(host, "greeting and EHLO", Describe(ex, timeout.IsCancellationRequested));
        }

        if (failure is null && endpoint.Security == SmtpSecurity.StartTlsRequired && !client.IsSecure)
        {
            failure = DeliveryReasons.TlsRequiredNotOffered(host);
            await QuitAsync(client);
        }

        if (failure is null)
        {
            return null;
        }

        socket.Dispose();
        DeliveryLog.SessionNotStarted(_logger, host, endpoint.Address, endpoint.Port, failure.Response);
        return SmtpSessionResult.NextHost(failure);
    }

    private async Task<SmtpSessionResult> TransactAsync(
        RecordingSmtpClient client, SmtpEndpoint endpoint, SmtpTransaction transaction, CancellationToken cancellationToken)
    {
        var host = endpoint.HostName;
        var tls = TlsDescription.Describe(client.IsSecure, client.SslProtocol, client.SslCipherSuite);
        bool? certificateValid = client.IsSecure ? client.CertificateValid ?? false : null;
        if (certificateValid == false)
        {
            DeliveryLog.CertificateNotValidated(_logger, host);
        }

        var count = transaction.Recipients.Count;
        if (endpoint.Credentials is { } credentials && !client.IsAuthenticated)
        {
            var refused = await AuthenticateAsync(client, host, credentials, tls, cancellationToken);
            if (refused is not null)
            {
                return SmtpSessionResult.Completed(Enumerable.Repeat(refused, count).ToArray(), certificateValid);
            }
        }

        // SMTPUTF8 implies 8BITMIME (RFC 6531 §3.1); a server offering one without the other is treated as offering neither,
        // as MailKit refuses to send international headers without 8BITMIME.
        const SmtpCapabilities utf8 = SmtpCapabilities.UTF8 | SmtpCapabilities.EightBitMime;
        var plan = SmtpEnvelopePlan.Create(transaction, (client.Capabilities & utf8) == utf8, host, tls);
        if (plan.Mailboxes.Count == 0 || plan.Sender is null)
        {
            return SmtpSessionResult.Completed(plan.Complete(_ => null!), certificateValid);
        }

        var format = FormatOptions.Default.Clone();
        format.International = plan.International;

        // Bcc recipients travel in the envelope only; the header must never reach any recipient (RFC 5322 §3.6.3).
        format.HiddenHeaders.Add(HeaderId.Bcc);
        format.HiddenHeaders.Add(HeaderId.ResentBcc);
        client.BeginTransaction(plan.Mailboxes.Count);
        try
        {
            var finalText = await client.SendAsync(format, transaction.Message, plan.Sender, plan.Mailboxes, cancellationToken);
            var delivered = new AttemptOutcome(AttemptOutcomeKind.Delivered, 250,
                SmtpReply.ParseEnhancedStatusCode(250, finalText), finalText, host, tls);
            return SmtpSessionResult.Completed(plan.Complete(m => RcptOr(client, m, delivered)), certificateValid);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (SmtpCommandException ex) when (ex.ErrorCode == SmtpErrorCode.SenderNotAccepted)
        {
            var reply = SmtpReply.ToOutcome((int)ex.StatusCode, ex.Message, host, tls);
            return SmtpSessionResult.Completed(plan.Complete(_ => reply), certificateValid);
        }
        catch (SmtpCommandException ex)
        {
            // DATA or end-of-data refused (or nobody accepted): RCPT rejections keep their own reply.
            var reply = SmtpReply.ToOutcome((int)ex.StatusCode, ex.Message, host, tls);
            return SmtpSessionResult.Completed(plan.Complete(m => RcptOr(client, m, reply)), certificateValid);
        }
        catch (Exception ex)
        {
            client.MarkFaulted();
            var lost = DeliveryReasons.ConnectionLost(host, client.Stage, Describe(ex, timedOut: false), tls);
            DeliveryLog.ConnectionLost(_logger, host, client.Stage, lost.Response);
            return SmtpSessionResult.Completed(plan.Complete(m => RejectedOr(client, m, lost, host, tls)), certificateValid);
        }
    }

    private static async Task<AttemptOutcome?> AuthenticateAsync(
        RecordingSmtpClient client, string host, NetworkCredential credentials, string? tls, CancellationToken cancellationToken)
    {
        if (!client.IsSecure)
        {
            return DeliveryReasons.CredentialsWithoutTls(host);
        }

        client.SetStage("AUTH");
        try
        {
            await client.AuthenticateAsync(credentials, cancellationToken);
            return null;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (SmtpCommandException ex)
        {
            // A refused login is the operator's to fix: retry later rather than fail the mail.
            return SmtpReply.ToOutcome((int)ex.StatusCode, ex.Message, host, tls) with { Kind = AttemptOutcomeKind.Transient };
        }
        catch (Exception ex) when (ex is AuthenticationException or NotSupportedException or SaslException)
        {
            return DeliveryReasons.AuthenticationFailed(host, ex.Message, tls);
        }
        catch (Exception ex)
        {
            client.MarkFaulted();
            return DeliveryReasons.ConnectionLost(host, "AUTH", Describe(ex, timedOut: false), tls);
        }
    }

    // A recipient refused at RCPT keeps that reply; the others share the transaction's reply.
    private static AttemptOutcome RcptOr(RecordingSmtpClient client, MailboxAddress mailbox, AttemptOutcome transactionReply) =>
        client.TryGetRcptReply(mailbox, out var rcpt) && (int)rcpt.StatusCode / 100 != 2
            ? SmtpReply.ToOutcome((int)rcpt.StatusCode, rcpt.Response, transactionReply.MxHost, transactionReply.Tls)
            : transactionReply;

    private static AttemptOutcome RejectedOr(
        RecordingSmtpClient client, MailboxAddress mailbox, AttemptOutcome lost, string host, string? tls) =>
        client.TryGetRcptReply(mailbox, out var rcpt) && (int)rcpt.StatusCode / 100 != 2
            ? SmtpReply.ToOutcome((int)rcpt.StatusCode, rcpt.Response, host, tls)
            : lost;

    private static string Describe(Exception ex, bool timedOut)
    {
        if (timedOut || ex is TimeoutException or OperationCanceledException || ex.InnerException is TimeoutException)
        {
            return $"timed out ({ex.GetType().Name})";
        }

        var inner = ex.InnerException is { } i ? $": {i.Message}" : string.Empty;
        return $"{ex.GetType().Name}: {ex.Message}{inner}";
    }

    private async Task CloseAsync(PooledSmtpConnection connection)
    {
        await QuitAsync(connection.Client);
        connection.Client.Dispose();
    }

    private async Task QuitAsync(RecordingSmtpClient client)
    {
        if (!client.IsConnected)
        {
            return;
        }

        try
        {
            using var quit = new CancellationTokenSource(QuitTimeout, _timeProvider);
            await client.DisconnectAsync(true, quit.Token);
        }
        catch (Exception)
        {
            // QUIT is a courtesy: the outcomes are already decided.
        }
    }
}
