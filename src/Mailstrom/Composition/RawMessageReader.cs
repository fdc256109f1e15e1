using MimeKit;

namespace Mailstrom.Composition;

/// <summary>
/// Validates a raw MIME message and derives its envelope: the sender from Sender (else the first From mailbox), the
/// recipients from To, Cc and Bcc (group members included), then removes the Bcc headers.
/// </summary>
internal static class RawMessageReader
{
    /// <summary>Builds the draft for <paramref name="message"/>, modifying it in place.</summary>
    /// <param name="message">The parsed message.</param>
    /// <param name="maxRecipients">The most distinct recipients allowed.</param>
    /// <returns>The draft: Bcc and Resent-Bcc removed, Message-ID and Date as given.</returns>
    /// <exception cref="EmailValidationException">A header is missing or invalid; <see cref="EmailValidationException.Field"/> is its name.</exception>
    public static MessageDraft Read(MimeMessage message, int maxRecipients)
    {
        var authors = message.From.Mailboxes.Select(m => Validate(m, "From")).ToList();
        if (authors.Count == 0)
        {
            throw new EmailValidationException("From", "A From header with at least one mailbox is required.");
        }

        var envelopeFrom = message.Sender is { } sender ? Validate(sender, "Sender") : authors[0];
        if (message.Headers.Contains(HeaderId.MessageId) && string.IsNullOrWhiteSpace(message.MessageId))
        {
            throw new EmailValidationException("Message-ID", "The Message-ID header is not a valid msg-id such as <id@example.com>.");
        }

        var recipients = new RecipientSet(maxRecipients);
        AddAll(message.To, "To", recipients);
        AddAll(message.Cc, "Cc", recipients);
        AddAll(message.Bcc, "Bcc", recipients);
        if (recipients.Recipients.Count == 0)
        {
            throw new EmailValidationException("To", "At least one recipient (To, Cc or Bcc) is required.");
        }

        message.Headers.RemoveAll(HeaderId.Bcc);
        message.Headers.RemoveAll(HeaderId.ResentBcc);
        message.Body ??= new TextPart("plain") { Text = string.Empty };

        var international = recipients.RequiresSmtpUtf8 || envelopeFrom.RequiresSmtpUtf8 || authors.Any(a => a.RequiresSmtpUtf8);
        return new MessageDraft(message, envelopeFrom, authors[0], recipients.Recipients, international);
    }

    private static void AddAll(InternetAddressList list, string field, RecipientSet recipients)
    {
        foreach (var mailbox in list.Mailboxes)
        {
            recipients.Add(Validate(mailbox, field), field);
        }
    }

    private static ParsedAddress Validate(MailboxAddress mailbox, string field) =>
        AddressParser.TryValidate(mailbox, out var address, out var error)
            ? address
            : throw new EmailValidationException(field, $"{error} ({mailbox.Address})");
}
