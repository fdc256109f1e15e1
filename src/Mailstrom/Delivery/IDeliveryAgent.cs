namespace Mailstrom.Delivery;

/// <summary>
/// The delivery activity: routes a batch of recipients of one email that share a domain (MX resolution, or the
/// relay), speaks SMTP, and returns one outcome per recipient. It performs I/O only; the retry decision is made
/// elsewhere, purely.
/// </summary>
public interface IDeliveryAgent
{
    /// <summary>Attempts delivery of <paramref name="batch"/>.</summary>
    /// <param name="batch">The message and the recipients that share its route.</param>
    /// <param name="cancellationToken">Cancels the attempt (the worker is stopping).</param>
    /// <returns>One outcome per recipient, in the order of <see cref="DeliveryBatch.Recipients"/>.</returns>
    Task<IReadOnlyList<AttemptOutcome>> DeliverAsync(DeliveryBatch batch, CancellationToken cancellationToken);
}

/// <summary>Recipients of one email, on one domain, to be attempted together.</summary>
/// <param name="EmailId">The email id (for logs and metrics only).</param>
/// <param name="EnvelopeFrom">The MAIL FROM address.</param>
/// <param name="Domain">The recipients' common domain.</param>
/// <param name="Recipients">The RCPT TO addresses and whether each needs SMTPUTF8.</param>
/// <param name="Content">The message bytes sent after DATA.</param>
/// <param name="AcceptedTime">When the email was accepted (for the delivery-latency metric only), if known.</param>
public sealed record DeliveryBatch(
    string EmailId,
    string EnvelopeFrom,
    string Domain,
    IReadOnlyList<BatchRecipient> Recipients,
    ReadOnlyMemory<byte> Content,
    DateTimeOffset? AcceptedTime = null);

/// <summary>One recipient in a <see cref="DeliveryBatch"/>.</summary>
/// <param name="Address">The RCPT TO address.</param>
/// <param name="RequiresSmtpUtf8">Whether the address needs SMTPUTF8.</param>
public sealed record BatchRecipient(string Address, bool RequiresSmtpUtf8);
