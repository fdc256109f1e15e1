namespace Mailstrom.Model;

/// <summary>
/// An email to compose and send. Addresses are RFC 5322 mailboxes: <c>user@example.com</c> or
/// <c>"Display Name" &lt;user@example.com&gt;</c>.
/// </summary>
public sealed class EmailRequest
{
    /// <summary>The author and envelope sender. Required.</summary>
    public string? From { get; set; }

    /// <summary>Primary recipients.</summary>
    public IList<string>? To { get; set; }

    /// <summary>Carbon-copy recipients.</summary>
    public IList<string>? Cc { get; set; }

    /// <summary>Blind carbon-copy recipients: delivered to, never written into the stored message.</summary>
    public IList<string>? Bcc { get; set; }

    /// <summary>Addresses replies should go to.</summary>
    public IList<string>? ReplyTo { get; set; }

    /// <summary>The subject line.</summary>
    public string? Subject { get; set; }

    /// <summary>The plain-text body.</summary>
    public string? Text { get; set; }

    /// <summary>The HTML body.</summary>
    public string? Html { get; set; }

    /// <summary>Extra headers (name to value). Names must be RFC 5322 field names; values cannot contain CR or LF.</summary>
    public IDictionary<string, string>? Headers { get; set; }

    /// <summary>Files attached to the message.</summary>
    public IList<AttachmentRequest>? Attachments { get; set; }
}
