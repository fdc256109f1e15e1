namespace Mailstrom.Model;

/// <summary>A file attached to an <see cref="EmailRequest"/>.</summary>
public sealed class AttachmentRequest
{
    /// <summary>The file name shown to the recipient. Required.</summary>
    public string? FileName { get; set; }

    /// <summary>The MIME type, for example <c>application/pdf</c>.</summary>
    /// <value>Defaults to <c>application/octet-stream</c>.</value>
    public string? ContentType { get; set; }

    /// <summary>The file's bytes, base64-encoded. Required.</summary>
    public string? Content { get; set; }
}
