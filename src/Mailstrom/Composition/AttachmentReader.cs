using Mailstrom.Model;
using MimeKit;

namespace Mailstrom.Composition;

/// <summary>Validates the request's attachments and adds them to a <see cref="BodyBuilder"/>.</summary>
internal static class AttachmentReader
{
    /// <summary>The longest attachment file name.</summary>
    public const int MaxFileNameLength = 255;

    private const string DefaultContentType = "application/octet-stream";

    /// <summary>Adds every attachment to <paramref name="builder"/>.</summary>
    /// <param name="attachments">The attachments; <see langword="null"/> for none.</param>
    /// <param name="builder">The body being built.</param>
    /// <exception cref="EmailValidationException">An attachment is missing a file name, has an invalid one, has content that is not base64, or has an invalid content type.</exception>
    public static void AddTo(IList<AttachmentRequest>? attachments, BodyBuilder builder)
    {
        if (attachments is null)
        {
            return;
        }

        for (var i = 0; i < attachments.Count; i++)
        {
            var field = $"attachments[{i}]";
            var attachment = attachments[i] ?? throw new EmailValidationException(field, "An attachment object is required.");
            var fileName = CheckFileName(attachment.FileName, field + ".fileName");
            var contentType = ParseContentType(attachment.ContentType, field + ".contentType");
            var content = Decode(attachment.Content, field + ".content");
            try
            {
                builder.Attachments.Add(fileName, content, contentType);
            }
            catch (FormatException)
            {
                throw new EmailValidationException(field + ".content", "The content is not a valid message for its message/* content type.");
            }
        }
    }

    private static string CheckFileName(string? fileName, string field)
    {
        if (string.IsNullOrWhiteSpace(fileName))
        {
            throw new EmailValidationException(field, "An attachment file name is required.");
        }

        if (fileName.Length > MaxFileNameLength)
        {
            throw new EmailValidationException(field, "The file name is longer than 255 characters.");
        }

        if (TextRules.HasControlCharacter(fileName, allowTab: false))
        {
            throw new EmailValidationException(field, "The file name must not contain line breaks or control characters.");
        }

        if (fileName.Contains('/', StringComparison.Ordinal) || fileName.Contains('\\', StringComparison.Ordinal) || fileName is "." or "..")
        {
            throw new EmailValidationException(field, "The file name must be a plain name without a path.");
        }

        return fileName;
    }

    private static ContentType ParseContentType(string? value, string field)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return ContentType.Parse(DefaultContentType);
        }

        if (TextRules.HasControlCharacter(value, allowTab: false)
            || !ContentType.TryParse(AddressParser.StrictOptions, value, out var contentType))
        {
            throw new EmailValidationException(field, "The content type is not a valid MIME type such as application/pdf.");
        }

        if (contentType.IsMimeType("multipart", "*"))
        {
            throw new EmailValidationException(field, "An attachment cannot have a multipart content type.");
        }

        return contentType;
    }

    private static byte[] Decode(string? content, string field)
    {
        if (content is null)
        {
            throw new EmailValidationException(field, "The attachment content (base64) is required.");
        }

        try
        {
            return Convert.FromBase64String(content);
        }
        catch (FormatException)
        {
            throw new EmailValidationException(field, "The attachment content is not valid base64.");
        }
    }
}
