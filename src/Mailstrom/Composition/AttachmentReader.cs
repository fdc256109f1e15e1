using System.Globalization;
using Mailstrom.Model;
using MimeKit;

namespace Mailstrom.Composition;

/// <summary>Validates the request's attachments and adds them to a <see cref="BodyBuilder"/>.</summary>
internal static class AttachmentReader
{
    private const string DefaultContentType = "application/octet-stream";

    /// <summary>Adds every attachment to <paramref name="builder"/>.</summary>
    /// <param name="attachments">The attachments; <see langword="null"/> for none.</param>
    /// <param name="builder">The body being built.</param>
    /// <param name="limits">The limits: <see cref="LimitsOptions.MaxAttachments"/>, and those an attached message
    /// (message/rfc822 content) is held to by <see cref="MimeTreeValidator"/>.</param>
    /// <exception cref="EmailValidationException">There are more than <see cref="LimitsOptions.MaxAttachments"/> (field
    /// <c>attachments</c>), or an attachment is missing a file name, has an invalid one (<see cref="NameRules.CheckFileName"/>),
    /// has content that is not base64 or, for a message, not a valid message (fields under <c>attachments[i].content.</c>),
    /// or has an invalid content type.</exception>
    public static void AddTo(IList<AttachmentRequest>? attachments, BodyBuilder builder, LimitsOptions limits)
    {
        if (attachments is null)
        {
            return;
        }

        if (attachments.Count > limits.MaxAttachments)
        {
            throw new EmailValidationException("attachments", string.Create(CultureInfo.InvariantCulture,
                $"At most {limits.MaxAttachments} attachments are allowed; {attachments.Count} were given."));
        }

        for (var i = 0; i < attachments.Count; i++)
        {
            var field = $"attachments[{i}]";
            var attachment = attachments[i] ?? throw new EmailValidationException(field, "An attachment object is required.");
            var fileName = CheckFileName(attachment.FileName, field + ".fileName");
            var contentType = ParseContentType(attachment.ContentType, field + ".contentType");
            var content = Decode(attachment.Content, field + ".content");
            MimeEntity entity;
            try
            {
                entity = builder.Attachments.Add(fileName, content, contentType);
            }
            catch (FormatException)
            {
                throw new EmailValidationException(field + ".content", "The content is not a valid message for its message/* content type.");
            }

            if (entity is MessagePart { Message: { } attached })
            {
                MimeTreeValidator.Validate(attached, limits, field + ".content.");
            }
        }
    }

    private static string CheckFileName(string? fileName, string field) =>
        NameRules.CheckFileName(fileName) is { } error ? throw new EmailValidationException(field, error) : fileName!;

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

        if (ParameterRules.Check(contentType.Parameters) is { } error)
        {
            throw new EmailValidationException(field, error);
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
