using MimeKit;

namespace Mailstrom.Composition;

/// <summary>A validated message before it is stamped (Message-ID, Date) and written.</summary>
/// <param name="Message">The message, without a Bcc header.</param>
/// <param name="EnvelopeFrom">The envelope sender.</param>
/// <param name="From">The first author.</param>
/// <param name="Recipients">The distinct envelope recipients.</param>
/// <param name="International">Whether any address needs SMTPUTF8, so headers are written as UTF-8 (a raw message's
/// UTF-8 header text needs SMTPUTF8 as well; <see cref="MessageWriter"/> finds it in the written octets).</param>
internal sealed record MessageDraft(
    MimeMessage Message,
    ParsedAddress EnvelopeFrom,
    ParsedAddress From,
    IReadOnlyList<EnvelopeRecipient> Recipients,
    bool International);
