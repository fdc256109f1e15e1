using System.Globalization;
using MimeKit;

namespace Mailstrom.Composition;

/// <summary>
/// Holds every header block and every entity of a raw MIME message (and of a message attached to a JSON request) to
/// the rules a JSON request meets: <see cref="HeaderFieldRules"/> on each header field, at most one of each Content-*
/// field and MIME-Version per block, Content-Type and Content-Disposition parameters free of control characters
/// (<see cref="ParameterRules"/>), file names held to <see cref="NameRules.CheckFileName"/>, and the counts and sizes of
/// <see cref="LimitsOptions"/>: fields and bytes per header block, parts, depth and attachments per message. Fields are
/// named as <see cref="MimeTree"/> names them.
/// </summary>
internal static class MimeTreeValidator
{
    /// <summary>Validates <paramref name="message"/> and everything in it.</summary>
    /// <param name="message">The message.</param>
    /// <param name="limits">The limits.</param>
    /// <param name="root">A prefix for every field name; see <see cref="MimeTree.Walk"/>.</param>
    /// <exception cref="EmailValidationException">A header, parameter or file name is invalid, or a limit is exceeded.</exception>
    public static void Validate(MimeMessage message, LimitsOptions limits, string root = "")
    {
        var parts = 0;
        var attachments = 0;
        foreach (var node in MimeTree.Walk(message, root))
        {
            if (node.Depth > limits.MaxMimeDepth)
            {
                throw new EmailValidationException(node.Name, string.Create(CultureInfo.InvariantCulture,
                    $"MIME parts are nested more than {limits.MaxMimeDepth} deep."));
            }

            if (node.Entity is not null && ++parts > limits.MaxMimeParts)
            {
                throw new EmailValidationException(node.Name, string.Create(CultureInfo.InvariantCulture,
                    $"The message has more than {limits.MaxMimeParts} MIME parts."));
            }

            var headerBytes = CheckHeaderBlock(node, limits.MaxHeaders);
            if (headerBytes > limits.MaxHeaderBytes)
            {
                throw new EmailValidationException(node.HeadersField, string.Create(CultureInfo.InvariantCulture,
                    $"A header block takes {headerBytes} bytes; the limit is {limits.MaxHeaderBytes}."), ValidationErrorKind.TooLarge);
            }

            if (node.Entity is { } entity)
            {
                CheckEntity(node, entity);
                if (entity.IsAttachment && ++attachments > limits.MaxAttachments)
                {
                    throw new EmailValidationException(node.Name, string.Create(CultureInfo.InvariantCulture,
                        $"The message has more than {limits.MaxAttachments} attachments."));
                }
            }
        }
    }

    /// <summary>Checks one header block; returns its size in bytes.</summary>
    private static long CheckHeaderBlock(MimeNode node, int maxHeaders)
    {
        var count = 0;
        long bytes = 0;
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var header in node.Headers)
        {
            if (++count > maxHeaders)
            {
                throw new EmailValidationException(node.HeadersField, string.Create(CultureInfo.InvariantCulture,
                    $"A header block holds more than {maxHeaders} fields."));
            }

            if (HeaderFieldRules.Check(header) is { } error)
            {
                throw new EmailValidationException(node.FieldOf(header), error);
            }

            if (HeaderRules.IsMimeField(header.Field) && !seen.Add(header.Field))
            {
                throw new EmailValidationException(node.FieldOf(header), $"The {header.Field} field appears more than once in one header block.");
            }

            bytes += header.RawField.Length + 1 + header.RawValue.Length;
        }

        return bytes;
    }

    private static void CheckEntity(MimeNode node, MimeEntity entity)
    {
        if (ParameterRules.Check(entity.ContentType.Parameters) is { } typeError)
        {
            throw new EmailValidationException(node.HeaderPrefix + "Content-Type", typeError);
        }

        if (!string.IsNullOrWhiteSpace(entity.ContentType.Name) && NameRules.CheckFileName(entity.ContentType.Name) is { } nameError)
        {
            throw new EmailValidationException(node.HeaderPrefix + "Content-Type", nameError);
        }

        if (entity.ContentDisposition is not { } disposition)
        {
            return;
        }

        var error = ParameterRules.Check(disposition.Parameters)
            ?? (string.IsNullOrWhiteSpace(disposition.FileName) ? null : NameRules.CheckFileName(disposition.FileName));
        if (error is not null)
        {
            throw new EmailValidationException(node.HeaderPrefix + "Content-Disposition", error);
        }
    }
}
