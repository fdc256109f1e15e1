using System.Net;
using MailKit.Net.Smtp;
using MailKit.Security;
using Microsoft.Extensions.Logging;
using MimeKit;

namespace Mailstrom.Delivery.Smtp;

/// <summary>
/// One mail transaction on an open session: AUTH when the endpoint has credentials (only over TLS), MAIL FROM, one RCPT
/// per recipient, DATA with the Bcc headers hidden, SMTPUTF8 only when the message needs it and the server offers it;
/// every reply becomes the outcome of the recipients it concerns (a RCPT refusal keeps its own reply).
/// </summary>
/// <param name="logger">Where lost connections and unvalidated certificates are logged.</param>
internal sealed class SmtpMailTransaction(ILogger logger)
{
    /// <summary>Runs <paramref name="transaction"/> on <paramref name="client"/>.</summary>
    /// <returns>One outcome per recipient, and whether the server's certificate was valid.</returns>
    public async Task<SmtpSessionResult> RunAsync(
        RecordingSmtpClient client, SmtpEndpoint endpoint, SmtpTransaction transaction, CancellationToken cancellationToken)
    {
        var host = endpoint.HostName;
        var tls = TlsDescription.Describe(client.IsSecure, client.SslProtocol, client.SslCipherSuite);
        bool? certificateValid = client.IsSecure ? client.CertificateValid ?? false : null;
        var problem = certificateValid == false ? client.CertificateProblem : null;
        if (certificateValid == false)
        {
            DeliveryLog.CertificateNotValidated(logger, host);
        }

        var count = transaction.Recipients.Count;
        if (endpoint.Credentials is { } credentials && !client.IsAuthenticated)
        {
            var refused = await AuthenticateAsync(client, host, credentials, tls, cancellationToken);
            if (refused is not null)
            {
                return SmtpSessionResult.Completed(Enumerable.Repeat(refused, count).ToArray(), certificateValid, problem);
            }
        }

        // SMTPUTF8 implies 8BITMIME (RFC 6531 §3.1); a server offering one without the other is treated as offering neither,
        // as MailKit refuses to send international headers without 8BITMIME.
        const SmtpCapabilities utf8 = SmtpCapabilities.UTF8 | SmtpCapabilities.EightBitMime;
        var plan = SmtpEnvelopePlan.Create(transaction, (client.Capabilities & utf8) == utf8, host, tls);
        if (plan.Mailboxes.Count == 0 || plan.Sender is null)
        {
            return SmtpSessionResult.Completed(plan.Complete(_ => null!), certificateValid, problem);
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
            return SmtpSessionResult.Completed(plan.Complete(m => RcptOr(client, m, delivered)), certificateValid, problem);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (SmtpCommandException ex) when (ex.ErrorCode == SmtpErrorCode.SenderNotAccepted)
        {
            var reply = SmtpReply.ToOutcome((int)ex.StatusCode, ex.Message, host, tls) with { Cause = AttemptCause.TransactionReply };
            return SmtpSessionResult.Completed(plan.Complete(_ => reply), certificateValid, problem);
        }
        catch (SmtpCommandException ex)
        {
            // DATA or end-of-data refused (or nobody accepted): RCPT rejections keep their own reply. Refused for one
            // accepted recipient, the reply may be about that mailbox (some servers check recipients only then); for
            // several, it is about the message.
            var reply = SmtpReply.ToOutcome((int)ex.StatusCode, ex.Message, host, tls);
            if (plan.Mailboxes.Count(m => !client.TryGetRcptReply(m, out var rcpt) || (int)rcpt.StatusCode / 100 == 2) > 1)
            {
                reply = reply with { Cause = AttemptCause.TransactionReply };
            }

            return SmtpSessionResult.Completed(plan.Complete(m => RcptOr(client, m, reply)), certificateValid, problem);
        }
        catch (Exception ex)
        {
            client.MarkFaulted();
            var lost = DeliveryReasons.ConnectionLost(host, client.Stage, SmtpSessionEnd.Describe(ex, timedOut: false), tls);
            DeliveryLog.ConnectionLost(logger, host, client.Stage, lost.Response);
            return SmtpSessionResult.Completed(plan.Complete(m => RejectedOr(client, m, lost, host, tls)), certificateValid, problem);
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
            return DeliveryReasons.ConnectionLost(host, "AUTH", SmtpSessionEnd.Describe(ex, timedOut: false), tls);
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
}
