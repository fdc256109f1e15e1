using System.Text.Json.Serialization;
using Mailstrom.Model;

namespace Mailstrom.Contracts;

/// <summary>
/// The JSON body of <c>POST /api/emails</c>. Addresses are RFC 5322 mailboxes: <c>user@example.com</c> or
/// <c>"Display Name" &lt;user@example.com&gt;</c>. Property names are matched case-insensitively; unknown
/// properties are refused so that a misspelt field never goes unnoticed.
/// </summary>
public sealed class SendEmailRequest
{
    /// <summary>The author and envelope sender. Required.</summary>
    [JsonPropertyName("from")]
    public string? From { get; set; }

    /// <summary>Primary recipients.</summary>
    [JsonPropertyName("to")]
    public IList<string>? To { get; set; }

    /// <summary>Carbon-copy recipients.</summary>
    [JsonPropertyName("cc")]
    public IList<string>? Cc { get; set; }

    /// <summary>Blind carbon-copy recipients: delivered to, never written into the message.</summary>
    [JsonPropertyName("bcc")]
    public IList<string>? Bcc { get; set; }

    /// <summary>Addresses replies should go to.</summary>
    [JsonPropertyName("replyTo")]
    public IList<string>? ReplyTo { get; set; }

    /// <summary>The subject line.</summary>
    [JsonPropertyName("subject")]
    public string? Subject { get; set; }

    /// <summary>The plain-text body.</summary>
    [JsonPropertyName("text")]
    public string? Text { get; set; }

    /// <summary>The HTML body.</summary>
    [JsonPropertyName("html")]
    public string? Html { get; set; }

    /// <summary>Extra headers, name to value.</summary>
    [JsonPropertyName("headers")]
    public IDictionary<string, string>? Headers { get; set; }

    /// <summary>Files attached to the message.</summary>
    [JsonPropertyName("attachments")]
    public IList<AttachmentContract>? Attachments { get; set; }

    /// <summary>Converts the payload to the engine's request.</summary>
    /// <returns>The equivalent <see cref="EmailRequest"/>.</returns>
    public EmailRequest ToEmailRequest() => new()
    {
        From = From,
        To = To,
        Cc = Cc,
        Bcc = Bcc,
        ReplyTo = ReplyTo,
        Subject = Subject,
        Text = Text,
        Html = Html,
        Headers = Headers,
        Attachments = Attachments?.Select(a => a.ToAttachmentRequest()).ToList(),
    };
}

/// <summary>A file attached to a <see cref="SendEmailRequest"/>.</summary>
public sealed class AttachmentContract
{
    /// <summary>The file name shown to the recipient. Required.</summary>
    [JsonPropertyName("fileName")]
    public string? FileName { get; set; }

    /// <summary>The MIME type; defaults to <c>application/octet-stream</c>.</summary>
    [JsonPropertyName("contentType")]
    public string? ContentType { get; set; }

    /// <summary>The file's bytes, base64-encoded. Required.</summary>
    [JsonPropertyName("content")]
    public string? Content { get; set; }

    /// <summary>Converts the payload to the engine's attachment.</summary>
    /// <returns>The equivalent <see cref="AttachmentRequest"/>.</returns>
    public AttachmentRequest ToAttachmentRequest() => new()
    {
        FileName = FileName,
        ContentType = ContentType,
        Content = Content,
    };
}
