using Mailstrom.Model;
using MimeKit;

namespace Mailstrom.Composition;

/// <summary>Validates an <see cref="EmailRequest"/> and builds its MIME message and envelope.</summary>
internal static class RequestMessageBuilder
{
    /// <summary>Builds the draft for <paramref name="request"/>.</summary>
    /// <param name="request">The request.</param>
    /// <param name="limits">The limits.</param>
    /// <returns>The draft: no Message-ID or Date yet, Bcc only in the envelope.</returns>
    /// <exception cref="EmailValidationException">A field is invalid or over a limit; <see cref="EmailValidationException.Field"/> names it.</exception>
    public static MessageDraft Build(EmailRequest request, LimitsOptions limits)
    {
        if (request.From is null)
        {
            throw new EmailValidationException("from", "A sender address is required.");
        }

        var from = Parse(request.From, "from");
        var replyTo = ParseList(request.ReplyTo, "replyTo");
        var recipients = new RecipientSet(limits.MaxRecipients);
        var to = ParseRecipients(request.To, "to", recipients);
        var cc = ParseRecipients(request.Cc, "cc", recipients);
        ParseRecipients(request.Bcc, "bcc", recipients);
        if (recipients.Recipients.Count == 0)
        {
            throw new EmailValidationException("to", "At least one recipient (to, cc or bcc) is required.");
        }

        HeaderRules.ValidateSubject(request.Subject, limits.MaxSubjectLength);
        HeaderRules.ValidateCustomHeaders(request.Headers, limits);

        var message = new MimeMessage();
        message.Headers.RemoveAll(HeaderId.MessageId);
        message.Headers.RemoveAll(HeaderId.Date);
        message.From.Add(from.Mailbox);
        message.ReplyTo.AddRange(replyTo.Select(a => a.Mailbox));
        message.To.AddRange(to.Select(a => a.Mailbox));
        message.Cc.AddRange(cc.Select(a => a.Mailbox));
        if (request.Subject is not null)
        {
            message.Subject = request.Subject;
        }

        foreach (var (name, value) in request.Headers ?? new Dictionary<string, string>())
        {
            var header = new Header(name, value);
            if (HeaderFieldRules.Check(header) is { } error)
            {
                throw new EmailValidationException("headers." + name, error);
            }

            message.Headers.Add(header);
        }

        message.Body = BuildBody(request, limits);
        var international = recipients.RequiresSmtpUtf8 || from.RequiresSmtpUtf8 || replyTo.Any(a => a.RequiresSmtpUtf8);
        return new MessageDraft(message, from, from, recipients.Recipients, international);
    }

    private static MimeEntity BuildBody(EmailRequest request, LimitsOptions limits)
    {
        var builder = new BodyBuilder
        {
            TextBody = request.Text,
            HtmlBody = request.Html,
        };

        // A message without any body still gets an (empty) text/plain part, so every message has a readable body.
        if (request.Text is null && request.Html is null)
        {
            builder.TextBody = string.Empty;
        }

        AttachmentReader.AddTo(request.Attachments, builder, limits);
        return builder.ToMessageBody();
    }

    private static List<ParsedAddress> ParseRecipients(IList<string>? list, string field, RecipientSet recipients)
    {
        var parsed = ParseList(list, field);
        for (var i = 0; i < parsed.Count; i++)
        {
            recipients.Add(parsed[i], $"{field}[{i}]");
        }

        return parsed;
    }

    private static List<ParsedAddress> ParseList(IList<string>? list, string field)
    {
        var parsed = new List<ParsedAddress>(list?.Count ?? 0);
        for (var i = 0; i < (list?.Count ?? 0); i++)
        {
            parsed.Add(Parse(list![i], $"{field}[{i}]"));
        }

        return parsed;
    }

    private static ParsedAddress Parse(string? text, string field) =>
        AddressParser.TryParse(text, out var address, out var error)
            ? address
            : throw new EmailValidationException(field, error);
}
