using System.Buffers;
using MimeKit;
using MimeKit.Utils;

namespace Mailstrom.Composition;

/// <summary>
/// Validates a raw MIME message and derives its envelope: the sender from Sender (else the From mailbox), the
/// recipients from To, Cc and Bcc (group members included), then removes the Bcc headers.
/// </summary>
/// <remarks>
/// The message is held to the rules a JSON request meets: every header block by <see cref="MimeTreeValidator"/>; the
/// originator and destination fields at most once each (RFC 5322 §3.6; From exactly once, with a Sender when it lists
/// more than one mailbox); a Message-ID and a Date, when given, that parse as such; no trace or transport field (<see cref="HeaderRules.IsTraceField"/>), which servers add and
/// a submitter must not forge; every mailbox of From, Sender, Reply-To, To, Cc and Bcc valid for delivery, and every
/// display name and group name held to <see cref="NameRules.CheckDisplayName"/>.
/// </remarks>
internal static class RawMessageReader
{
    private static readonly SearchValues<char> _notInMessageId = SearchValues.Create("<> \t\r\n");

    private static readonly HeaderId[] _addressFields =
        [HeaderId.From, HeaderId.Sender, HeaderId.ReplyTo, HeaderId.To, HeaderId.Cc, HeaderId.Bcc];

    /// <summary>Builds the draft for <paramref name="message"/>, modifying it in place.</summary>
    /// <param name="message">The parsed message.</param>
    /// <param name="limits">The limits.</param>
    /// <returns>The draft: Bcc removed, Message-ID and Date as given.</returns>
    /// <exception cref="EmailValidationException">A header is missing or invalid; <see cref="EmailValidationException.Field"/>
    /// is its name (see <see cref="MimeTree"/> for the names of MIME part fields).</exception>
    public static MessageDraft Read(MimeMessage message, LimitsOptions limits)
    {
        message.Body ??= new TextPart("plain") { Text = string.Empty };
        CheckTopLevelFields(message);
        MimeTreeValidator.Validate(message, limits);
        HeaderRules.ValidateSubject(message.Subject, limits.MaxSubjectLength, "Subject");
        foreach (var id in _addressFields)
        {
            CheckAddressField(message, id);
        }

        var authors = message.From.Mailboxes.Select(m => Validate(m, FieldName(message, HeaderId.From))).ToList();
        if (authors.Count == 0)
        {
            throw new EmailValidationException("From", "A From header with at least one mailbox is required.");
        }

        if (authors.Count > 1 && message.Sender is null)
        {
            throw new EmailValidationException(FieldName(message, HeaderId.From), "A From header with more than one mailbox needs a Sender header (RFC 5322 §3.6.2).");
        }

        var envelopeFrom = message.Sender is { } sender ? Validate(sender, FieldName(message, HeaderId.Sender)) : authors[0];
        CheckIdentity(message);

        foreach (var mailbox in message.ReplyTo.Mailboxes)
        {
            Validate(mailbox, FieldName(message, HeaderId.ReplyTo));
        }

        var recipients = new RecipientSet(limits.MaxRecipients);
        AddAll(message.To, FieldName(message, HeaderId.To), recipients);
        AddAll(message.Cc, FieldName(message, HeaderId.Cc), recipients);
        AddAll(message.Bcc, FieldName(message, HeaderId.Bcc), recipients);
        if (recipients.Recipients.Count == 0)
        {
            throw new EmailValidationException("To", "At least one recipient (To, Cc or Bcc) is required.");
        }

        message.Headers.RemoveAll(HeaderId.Bcc);
        var international = recipients.RequiresSmtpUtf8 || envelopeFrom.RequiresSmtpUtf8 || authors.Any(a => a.RequiresSmtpUtf8);
        return new MessageDraft(message, envelopeFrom, authors[0], recipients.Recipients, international);
    }

    // Fields of the submitted message itself; an attached message (message/rfc822 part) is content and keeps its own.
    private static void CheckTopLevelFields(MimeMessage message)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var froms = 0;
        foreach (var header in message.Headers)
        {
            var name = header.Field;
            if (HeaderRules.IsTraceField(name))
            {
                throw new EmailValidationException(HeaderFieldRules.NameOf(header), HeaderRules.TraceFieldRefused(name));
            }

            froms += header.Id == HeaderId.From ? 1 : 0;
            if (HeaderRules.SingleInstanceNames.Contains(name) && !seen.Add(name))
            {
                throw new EmailValidationException(HeaderFieldRules.NameOf(header),
                    $"The {name} field may appear only once in a message (RFC 5322 §3.6).");
            }
        }

        if (froms == 0)
        {
            throw new EmailValidationException("From", "A From header with at least one mailbox is required.");
        }
    }

    // Every address field must parse; From and Sender hold mailboxes only (no groups), Sender exactly one; names are checked.
    private static void CheckAddressField(MimeMessage message, HeaderId id)
    {
        // An empty field (a blank "Bcc:", RFC 5322 §3.6.3) names nobody and is fine.
        if (message.Headers.FirstOrDefault(h => h.Id == id) is not { } header || string.IsNullOrWhiteSpace(header.Value))
        {
            return;
        }

        var field = HeaderFieldRules.NameOf(header);
        if (!InternetAddressList.TryParse(ParserOptions.Default, header.RawValue, out var list))
        {
            throw new EmailValidationException(field, $"The {field} header is not a valid address list.");
        }

        if (id is HeaderId.From or HeaderId.Sender && list.Any(a => a is GroupAddress))
        {
            throw new EmailValidationException(field, $"The {field} header must list mailboxes, not groups (RFC 5322 §3.6.2).");
        }

        if (id == HeaderId.Sender && list.Count != 1)
        {
            throw new EmailValidationException(field, "The Sender header must hold exactly one mailbox (RFC 5322 §3.6.2).");
        }

        foreach (var group in list.OfType<GroupAddress>())
        {
            if (group.Name is { } name && NameRules.CheckDisplayName(name) is { } error)
            {
                throw new EmailValidationException(field, error);
            }
        }
    }

    // Message-ID and Date are kept as given, so they must be what RFC 5322 §3.6.4 and §3.6.1 say they are.
    private static void CheckIdentity(MimeMessage message)
    {
        if (message.Headers.FirstOrDefault(h => h.Id == HeaderId.MessageId) is { } id && !IsMessageId(id.Value))
        {
            throw new EmailValidationException(HeaderFieldRules.NameOf(id), "The Message-ID header is not a valid msg-id such as <id@example.com>.");
        }

        if (message.Headers.FirstOrDefault(h => h.Id == HeaderId.Date) is { } date && !DateUtils.TryParse(date.RawValue, out _))
        {
            throw new EmailValidationException(HeaderFieldRules.NameOf(date),
                "The Date header is not an RFC 5322 date-time such as Tue, 01 Jan 2030 10:00:00 +0000.");
        }
    }

    // One <left@right>: no white space, angle brackets or second @ inside, neither side empty.
    private static bool IsMessageId(string value)
    {
        var id = value.Trim();
        if (id.Length < 5 || id[0] != '<' || id[^1] != '>')
        {
            return false;
        }

        var inner = id.AsSpan(1, id.Length - 2);
        var at = inner.IndexOf('@');
        return inner.IndexOfAny(_notInMessageId) < 0 && at > 0 && at == inner.LastIndexOf('@') && at < inner.Length - 1;
    }

    // A field is named as the message writes it ("to" stays "to"); the canonical name when absent.
    private static string FieldName(MimeMessage message, HeaderId id) =>
        message.Headers.FirstOrDefault(h => h.Id == id) is { } header ? HeaderFieldRules.NameOf(header) : id.ToHeaderName();

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
