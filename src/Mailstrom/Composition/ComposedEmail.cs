namespace Mailstrom.Composition;

/// <summary>
/// A validated email ready to store: its final MIME bytes (no Bcc header, with Message-ID and Date) and its
/// de-duplicated envelope recipients.
/// </summary>
/// <param name="MessageId">The Message-ID, without angle brackets.</param>
/// <param name="EnvelopeFrom">The envelope sender (MAIL FROM), domain in ASCII form.</param>
/// <param name="From">The From header's address, for display in the status.</param>
/// <param name="Subject">The subject line.</param>
/// <param name="Content">The message as it goes on the wire after DATA.</param>
/// <param name="Recipients">Distinct envelope recipients, in submission order.</param>
public sealed record ComposedEmail(
    string MessageId,
    string EnvelopeFrom,
    string From,
    string? Subject,
    ReadOnlyMemory<byte> Content,
    IReadOnlyList<EnvelopeRecipient> Recipients);

/// <summary>One envelope recipient.</summary>
/// <param name="Address">The address as used in RCPT TO, domain in ASCII (punycode) form.</param>
/// <param name="Domain">The domain, lower-case ASCII, used for MX resolution and routing.</param>
/// <param name="RequiresSmtpUtf8">Whether the receiving server must offer SMTPUTF8: the local part is non-ASCII, or the
/// message holds UTF-8 header text (RFC 6532), which marks every recipient of the email.</param>
public sealed record EnvelopeRecipient(string Address, string Domain, bool RequiresSmtpUtf8);
