using System.ComponentModel.DataAnnotations;

namespace Mailstrom.Composition;

/// <summary>
/// Limits on what a client may submit (<c>Mailstrom:Limits</c>). The defaults are far above what a real sender needs;
/// they bound the work one request can cause. A size or length over its limit is refused as
/// <see cref="ValidationErrorKind.TooLarge"/> (HTTP 413); a count over its limit as <see cref="ValidationErrorKind.Invalid"/>
/// (HTTP 400), like too many recipients. Either way the refusal names the field. A message attached to a JSON request
/// (message/rfc822 content) is held to the raw MIME limits on its own.
/// </summary>
public sealed class LimitsOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Mailstrom:Limits";

    /// <summary>The largest message accepted, in bytes, measured on the request body and on the composed MIME.</summary>
    /// <value>Defaults to 25 MiB.</value>
    [Range(1024, 1L << 31)]
    public long MaxMessageBytes { get; set; } = 25L * 1024 * 1024;

    /// <summary>The most distinct recipients (To + Cc + Bcc) one email may have.</summary>
    /// <value>Defaults to 1000.</value>
    [Range(1, 100_000)]
    public int MaxRecipients { get; set; } = 1000;

    /// <summary>The longest subject, in characters after decoding (JSON <c>subject</c>, raw MIME <c>Subject</c>; TooLarge).</summary>
    /// <value>Defaults to 998, the RFC 5322 line limit.</value>
    [Range(1, 100_000)]
    public int MaxSubjectLength { get; set; } = 998;

    /// <summary>
    /// The most header fields in one header block: the entries of a JSON request's <c>headers</c> map, or the fields of
    /// one header block of a raw MIME message (the message's own, one MIME part's, or one attached message's). A count
    /// (Invalid).
    /// </summary>
    /// <value>Defaults to 1000.</value>
    [Range(1, 10_000)]
    public int MaxHeaders { get; set; } = 1000;

    /// <summary>
    /// The most bytes in one header block, names and values: the entries of a JSON request's <c>headers</c> map together,
    /// or one header block of a raw MIME message (the message's own, one MIME part's, or one attached message's), so
    /// that forwarding several received messages as attachments is not held against the message (TooLarge).
    /// </summary>
    /// <value>Defaults to 256 KiB, the header limit of Exchange Online; sendmail refuses more than 32 KiB.</value>
    [Range(1024, 16 * 1024 * 1024)]
    public int MaxHeaderBytes { get; set; } = 256 * 1024;

    /// <summary>
    /// The most attachments: entries of a JSON request's <c>attachments</c>, or MIME parts of a raw message whose
    /// Content-Disposition is <c>attachment</c>, those of attached messages included. A count (Invalid).
    /// </summary>
    /// <value>Defaults to 250, the most Exchange Online lets a message carry.</value>
    [Range(0, 10_000)]
    public int MaxAttachments { get; set; } = 250;

    /// <summary>The most MIME entities in a raw message, every multipart and attached message counted. A count (Invalid).</summary>
    /// <value>Defaults to 1000.</value>
    [Range(1, 100_000)]
    public int MaxMimeParts { get; set; } = 1000;

    /// <summary>The deepest MIME nesting in a raw message; the top-level body is depth 1. A count (Invalid).</summary>
    /// <value>Defaults to 50.</value>
    [Range(1, 500)]
    public int MaxMimeDepth { get; set; } = 50;
}
