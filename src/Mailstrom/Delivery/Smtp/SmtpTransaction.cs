using MimeKit;

namespace Mailstrom.Delivery.Smtp;

/// <summary>One mail transaction: the message, sent as-is, to an explicit envelope.</summary>
/// <param name="Message">The parsed message (loaded once per batch from the stored bytes).</param>
/// <param name="EnvelopeFrom">The MAIL FROM address.</param>
/// <param name="Recipients">The RCPT TO addresses, in order.</param>
public sealed record SmtpTransaction(MimeMessage Message, string EnvelopeFrom, IReadOnlyList<BatchRecipient> Recipients);
