using MailKit.Net.Smtp;
using MimeKit;

namespace Mailstrom.Delivery.Smtp;

/// <summary>
/// A MailKit client that records each recipient's RCPT reply instead of throwing on a rejected one, so one refused
/// recipient does not fail the others, and that tracks how far the transaction got. A <see cref="ReplySizeGuard"/>
/// bounds how much of a reply it reads. It sends a message exactly as composed (<see cref="Prepare"/>).
/// </summary>
internal sealed class RecordingSmtpClient() : SmtpClient(new ReplySizeGuard())
{
    private readonly Dictionary<MailboxAddress, SmtpResponse> _rcptReplies = new(ReferenceEqualityComparer.Instance);
    private int _expectedRecipients;

    /// <summary>Gets the stage the transaction is in, for reporting a lost connection.</summary>
    public string Stage { get; private set; } = "connect";

    /// <summary>Gets whether the server accepted STARTTLS or implicit TLS with a certificate that validated.</summary>
    public bool? CertificateValid { get; private set; }

    public void BeginTransaction(int recipients)
    {
        _rcptReplies.Clear();
        _expectedRecipients = recipients;
        Stage = "MAIL FROM";
    }

    public void SetStage(string stage) => Stage = stage;

    /// <summary>Gets whether the connection's state is unknown (a lost connection, a timeout): it must not be reused.</summary>
    public bool Faulted { get; private set; }

    public void MarkFaulted() => Faulted = true;

    /// <summary>Sends RSET to check that an idle connection still works and is between transactions.</summary>
    /// <returns>Whether the server answered 250; on any failure the connection is not usable.</returns>
    public async Task<bool> TryResetAsync(CancellationToken cancellationToken)
    {
        try
        {
            var reply = await SendCommandAsync("RSET", cancellationToken);
            return reply.StatusCode == SmtpStatusCode.Ok;
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Gets why the certificate did not validate, when it did not.</summary>
    public string? CertificateProblem { get; private set; }

    /// <summary>Records the certificate's verdict: <see langword="null"/> when valid, otherwise why not.</summary>
    public void RecordCertificate(string? problem)
    {
        CertificateValid = problem is null;
        CertificateProblem = problem;
    }

    public bool TryGetRcptReply(MailboxAddress mailbox, out SmtpResponse response) =>
        _rcptReplies.TryGetValue(mailbox, out response!);

    protected override void OnSenderAccepted(MimeMessage message, MailboxAddress mailbox, SmtpResponse response) =>
        Stage = "RCPT TO";

    protected override void OnRecipientAccepted(MimeMessage message, MailboxAddress mailbox, SmtpResponse response) =>
        Record(mailbox, response);

    protected override void OnRecipientNotAccepted(MimeMessage message, MailboxAddress mailbox, SmtpResponse response) =>
        Record(mailbox, response);

    /// <summary>
    /// Sends the message exactly as the composer wrote it: its bodies are already 7-bit clean with lines within 998
    /// octets, so nothing is re-encoded whatever the server offers, and its header fields keep their octets
    /// (<see cref="ComposedHeaders"/>) even when the transaction declares SMTPUTF8. MailKit's own preparation would
    /// instead write a DKIM-signed message without SMTPUTF8, which a message with UTF-8 header text needs.
    /// </summary>
    protected override void Prepare(FormatOptions options, MimeMessage message, EncodingConstraint constraint, int maxLineLength) =>
        ComposedHeaders.Freeze(message);

    protected override void OnNoRecipientsAccepted(MimeMessage message)
    {
        // Every RCPT reply is already recorded; MailKit then ends the transaction with MessageNotAccepted.
    }

    private void Record(MailboxAddress mailbox, SmtpResponse response)
    {
        _rcptReplies[mailbox] = response;
        if (_rcptReplies.Count >= _expectedRecipients)
        {
            Stage = "DATA";
        }
    }
}
