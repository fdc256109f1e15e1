using Mailstrom.Composition.Signing;
using Mailstrom.Model;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Mailstrom.Composition;

/// <summary>
/// Turns a submitted email (a JSON <see cref="EmailRequest"/> or a parsed raw MIME message) into a validated
/// <see cref="ComposedEmail"/>: final MIME bytes without a Bcc header, a Message-ID <c>&lt;{emailId}@{HeloName}&gt;</c>
/// and a Date when absent, and the distinct envelope recipients with punycode domains.
/// </summary>
/// <remarks>
/// <para>Addresses are RFC 5322 mailboxes parsed strictly, one per entry, with a fully qualified domain name (no IP
/// literal, no single label); internationalised domains become punycode, and a non-ASCII local part marks the
/// recipient as needing SMTPUTF8 (the headers are then written as UTF-8, RFC 6532).</para>
/// <para>Recipients are de-duplicated across To, Cc and Bcc by comparing the whole address (ASCII domain) ignoring
/// case, keeping the first occurrence.</para>
/// <para>An email with neither text nor html gets an empty text/plain part. Every body is made 7-bit clean
/// (quoted-printable or base64, <see cref="SevenBitBody"/>) so the message delivers to servers without 8BITMIME and
/// never needs BODY=8BITMIME.</para>
/// <para>A message whose written form holds any 8-bit octet (UTF-8 header text, RFC 6532: a non-ASCII local part, or a
/// raw message's UTF-8 headers) needs SMTPUTF8 end to end: every one of its recipients is marked
/// <see cref="EnvelopeRecipient.RequiresSmtpUtf8"/>, so it is only ever sent with SMTPUTF8 declared, and a server
/// without it gets no 8-bit header octet.</para>
/// <para>When <see cref="MailstromOptions.Dkim"/> has keys for the From header's domain, the message is DKIM-signed here,
/// once, over the exact octets stored and later sent (<see cref="DkimSigning"/>); when it has none and
/// <see cref="DkimOptions.RequireDkim"/> is set, the email is refused (field <c>from</c> or <c>From</c>).</para>
/// <para>JSON and raw MIME meet the same rules: no control characters in any header, also once RFC 2047-decoded; no
/// header line over 998 octets; no trace or transport header (Return-Path, Received, DKIM-Signature, ARC-*,
/// Authentication-Results, Resent-*, ...); display names and file names without bidi or zero-width characters; and
/// the counts and sizes of <see cref="LimitsOptions"/>.</para>
/// <para>Field names: a JSON request's problems are named in its JSON shape (<c>to[1]</c>, <c>headers.X-Tag</c>,
/// <c>attachments[0].fileName</c>); a raw message's by the header as written (<c>From</c>, <c>X-Tag</c>), the header
/// block as a whole (<c>headers</c>), or, inside MIME parts, by IMAP section number (<c>parts[1.2]</c> for a part's
/// content, <c>parts[1.2].Content-Disposition</c> for one of its headers, <c>parts[2].message.Subject</c> for a header
/// of the message attached as part 2; see <see cref="MimeTree"/>). A message attached to a JSON request is named the
/// same way below <c>attachments[i].content.</c>.</para>
/// </remarks>
public sealed class EmailComposer
{
    private readonly string _heloName;
    private readonly LimitsOptions _limits;
    private readonly TimeProvider _timeProvider;
    private readonly DkimSigning _dkim;

    /// <summary>Creates a composer.</summary>
    /// <param name="options">Engine settings: <see cref="MailstromOptions.HeloName"/> for Message-IDs,
    /// <see cref="MailstromOptions.Limits"/>, and the DKIM keys of <see cref="MailstromOptions.Dkim"/>, loaded here.</param>
    /// <param name="timeProvider">The clock for the Date header and the DKIM signature time.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> or <paramref name="timeProvider"/> is <see langword="null"/>.</exception>
    /// <exception cref="InvalidOperationException">A DKIM key cannot be used (start-up validation reports the same, earlier).</exception>
    public EmailComposer(IOptions<MailstromOptions> options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _heloName = options.Value.HeloName;
        _limits = options.Value.Limits;
        _timeProvider = timeProvider;
        _dkim = options.Value.Dkim.Keys.Count == 0 && !options.Value.Dkim.RequireDkim
            ? DkimSigning.None
            : DkimSigning.Create(options.Value.Dkim, timeProvider);
    }

    /// <summary>Composes a JSON request into a MIME message.</summary>
    /// <param name="request">The request.</param>
    /// <param name="emailId">The email id, used as the left part of the Message-ID.</param>
    /// <returns>The composed email.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="emailId"/> is empty or holds characters not allowed in a Message-ID.</exception>
    /// <exception cref="EmailValidationException">A field is invalid (<see cref="EmailValidationException.Field"/> names it in
    /// the request's JSON shape, such as <c>to[1]</c>; <c>from</c> when DKIM is required and its domain has no key), or the composed message exceeds
    /// <see cref="LimitsOptions.MaxMessageBytes"/> (field <c>body</c>, <see cref="ValidationErrorKind.TooLarge"/>).</exception>
    public ComposedEmail Compose(EmailRequest request, string emailId)
    {
        ArgumentNullException.ThrowIfNull(request);
        CheckEmailId(emailId);
        return Finish(RequestMessageBuilder.Build(request, _limits), emailId, "from");
    }

    /// <summary>
    /// Validates a raw MIME message. The envelope sender is the Sender mailbox, else the first From mailbox; the
    /// recipients are the mailboxes of To, Cc and Bcc. The message is modified in place: Bcc is removed, a Message-ID
    /// and Date are added when absent (an existing Message-ID is kept), and bodies that are not 7-bit clean are re-encoded.
    /// </summary>
    /// <param name="message">The parsed message.</param>
    /// <param name="emailId">The email id, used for the Message-ID when the message has none.</param>
    /// <returns>The composed email.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="message"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="emailId"/> is empty or holds characters not allowed in a Message-ID.</exception>
    /// <exception cref="EmailValidationException">A header is missing or invalid (<see cref="EmailValidationException.Field"/> is
    /// its name, such as <c>From</c>, <c>Cc</c> or <c>parts[2].Content-Type</c>; <c>From</c> when DKIM is required and its
    /// domain has no key), a limit of <see cref="LimitsOptions"/> is
    /// exceeded, or the message exceeds <see cref="LimitsOptions.MaxMessageBytes"/> (field <c>body</c>,
    /// <see cref="ValidationErrorKind.TooLarge"/>).</exception>
    public ComposedEmail Compose(MimeMessage message, string emailId)
    {
        ArgumentNullException.ThrowIfNull(message);
        CheckEmailId(emailId);
        return Finish(RawMessageReader.Read(message, _limits), emailId, "From");
    }

    private ComposedEmail Finish(MessageDraft draft, string emailId, string fromField)
    {
        var signers = _dkim.SignersFor(draft.From.Domain, fromField);
        var message = draft.Message;
        _dkim.CheckAuthors(message.From.Mailboxes.Select(m => m.Domain), draft.From.Domain, fromField);
        if (string.IsNullOrWhiteSpace(message.MessageId))
        {
            message.MessageId = emailId + "@" + _heloName;
        }

        if (!message.Headers.Contains(HeaderId.Date))
        {
            message.Date = _timeProvider.GetUtcNow();
        }

        var written = MessageWriter.Write(message, draft.International, _limits.MaxMessageBytes, signers);
        var recipients = written.RequiresSmtpUtf8
            ? draft.Recipients.Select(r => r with { RequiresSmtpUtf8 = true }).ToArray()
            : draft.Recipients;
        return new ComposedEmail(message.MessageId, draft.EnvelopeFrom.Address, draft.From.Address, message.Subject, written.Content, recipients);
    }

    private static void CheckEmailId(string emailId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(emailId);
        foreach (var c in emailId)
        {
            if (!char.IsAsciiLetterOrDigit(c) && !"!#$%&'*+-/=?^_`{|}~.".Contains(c, StringComparison.Ordinal))
            {
                throw new ArgumentException("The email id must be made of RFC 5322 atext characters to form a Message-ID.", nameof(emailId));
            }
        }
    }
}
