using System.Text.Json;
using Mailstrom.Cli.Api;
using Mailstrom.Cli.Commands;
using Mailstrom.Cli.Errors;
using Mailstrom.Contracts;
using MimeKit;

namespace Mailstrom.Cli.Sending;

/// <summary>
/// Builds the API's JSON body from <c>send</c>'s flags. It checks only what the flags' own syntax needs (NAME=VALUE,
/// readable files); the server validates the email and names the field it refuses.
/// </summary>
internal static class EmailComposer
{
    /// <summary>Builds the body.</summary>
    /// <param name="settings">The flags.</param>
    /// <returns>The JSON body.</returns>
    /// <exception cref="CliException">A header is not NAME=VALUE, or an attachment cannot be read.</exception>
    public static EmailContent Compose(SendSettings settings)
    {
        ArgumentNullException.ThrowIfNull(settings);
        var request = new SendEmailRequest
        {
            From = settings.From,
            To = OrNull(settings.To),
            Cc = OrNull(settings.Cc),
            Bcc = OrNull(settings.Bcc),
            ReplyTo = OrNull(settings.ReplyTo),
            Subject = settings.Subject,
            Text = settings.Text,
            Html = settings.Html,
            Headers = settings.Header.Length == 0 ? null : Headers(settings.Header),
            Attachments = settings.Attach.Length == 0 ? null : settings.Attach.Select(Attachment).ToList(),
        };
        return new EmailContent(JsonSerializer.SerializeToUtf8Bytes(request, ApiJson.Options), EmailContent.Json);
    }

    private static List<string>? OrNull(string[] values) => values.Length == 0 ? null : [.. values];

    private static Dictionary<string, string> Headers(IEnumerable<string> pairs)
    {
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var pair in pairs)
        {
            var equals = pair.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw CliException.Usage($"--header '{pair}' must be NAME=VALUE, such as X-Campaign=spring.");
            }

            headers[pair[..equals].Trim()] = pair[(equals + 1)..];
        }

        return headers;
    }

    private static AttachmentContract Attachment(string path)
    {
        byte[] content;
        try
        {
            content = File.ReadAllBytes(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException or NotSupportedException)
        {
            throw CliException.Usage($"Cannot read the attachment '{path}': {ex.Message}", ex);
        }

        return new AttachmentContract
        {
            FileName = Path.GetFileName(path),
            ContentType = MimeTypes.GetMimeType(path),
            Content = Convert.ToBase64String(content),
        };
    }
}
