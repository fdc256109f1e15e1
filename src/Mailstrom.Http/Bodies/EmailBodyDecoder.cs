using System.Runtime.InteropServices;
using System.Text.Json;
using System.Text.Json.Serialization;
using Mailstrom.Http.Problems;
using Mailstrom.Contracts;
using Mailstrom.Model;
using MimeKit;

namespace Mailstrom.Http.Bodies;

/// <summary>A decoded <c>POST /api/emails</c> body: exactly one of <see cref="Request"/> and <see cref="Message"/>.</summary>
/// <param name="Request">The email, when the body was JSON.</param>
/// <param name="Message">The message, when the body was raw MIME.</param>
internal sealed record DecodedEmail(EmailRequest? Request, MimeMessage? Message);

/// <summary>Turns a raw request body into an email, or into a refusal naming the offending field.</summary>
internal static class EmailBodyDecoder
{
    /// <summary>
    /// The JSON rules: camelCase names matched case-insensitively, no unknown or duplicate properties, no comments,
    /// no trailing commas, nothing after the object.
    /// </summary>
    public static JsonSerializerOptions JsonOptions { get; } = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        PropertyNameCaseInsensitive = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        AllowDuplicateProperties = false,
        AllowTrailingCommas = false,
        ReadCommentHandling = JsonCommentHandling.Disallow,
        MaxDepth = 16,
    };

    private static ReadOnlySpan<byte> Utf8ByteOrderMark => [0xEF, 0xBB, 0xBF];

    /// <summary>
    /// Decodes a body of a media type from <see cref="EmailMediaTypes"/>. A JSON body may start with one UTF-8 byte order
    /// mark, which is skipped (RFC 8259 §8.1 lets a parser ignore it); a byte order mark of another encoding, or a second
    /// one, is refused with a detail that names it.
    /// </summary>
    /// <param name="mediaType">The canonical media type.</param>
    /// <param name="body">The raw body.</param>
    /// <param name="cancellationToken">Cancels MIME parsing.</param>
    /// <returns>The email, or a refusal.</returns>
    public static async Task<(DecodedEmail? Email, ApiProblem? Problem)> DecodeAsync(
        string mediaType, ReadOnlyMemory<byte> body, CancellationToken cancellationToken)
    {
        if (mediaType == EmailMediaTypes.Json)
        {
            var json = body.Span;
            json = json.StartsWith(Utf8ByteOrderMark) ? json[Utf8ByteOrderMark.Length..] : json;
            return ByteOrderMarkName(json) is { } encoding
                ? (null, new ApiProblem(StatusCodes.Status400BadRequest,
                    $"The body starts with a {encoding} byte order mark; JSON must be UTF-8 (RFC 8259): send it as UTF-8, " +
                    "with at most one UTF-8 byte order mark.", "body"))
                : DecodeJson(json);
        }

        if (body.IsEmpty)
        {
            return (null, new ApiProblem(StatusCodes.Status400BadRequest, "The body is empty; send the raw MIME message.", "body"));
        }

        try
        {
            using var stream = MemoryMarshal.TryGetArray(body, out var segment)
                ? new MemoryStream(segment.Array!, segment.Offset, segment.Count, writable: false)
                : new MemoryStream(body.ToArray(), writable: false);
            var message = await MimeMessage.LoadAsync(stream, cancellationToken);
            return (new DecodedEmail(null, message), null);
        }
        catch (FormatException)
        {
            return (null, new ApiProblem(StatusCodes.Status400BadRequest, "The body is not a parsable RFC 5322 message.", "body"));
        }
    }

    /// <summary>Converts a System.Text.Json path (<c>$.to[1]</c>, <c>$.headers['X Tag']</c>) to a field name.</summary>
    /// <param name="path">The path, if any.</param>
    /// <returns>The field (<c>to[1]</c>, <c>headers.X Tag</c>), or <c>body</c> for the root.</returns>
    public static string ToField(string? path)
    {
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "body";
        }

        var field = path.StartsWith("$.", StringComparison.Ordinal) ? path[2..]
            : path.StartsWith('$') ? path[1..]
            : path;
        field = field.Replace("['", ".", StringComparison.Ordinal).Replace("']", string.Empty, StringComparison.Ordinal);
        return field.TrimStart('.');
    }

    /// <summary>The encoding whose byte order mark <paramref name="body"/> starts with, or <see langword="null"/>.</summary>
    private static string? ByteOrderMarkName(ReadOnlySpan<byte> body) => body switch
    {
        [0xEF, 0xBB, 0xBF, ..] => "UTF-8",
        [0xFF, 0xFE, 0x00, 0x00, ..] => "UTF-32 (little-endian)",
        [0x00, 0x00, 0xFE, 0xFF, ..] => "UTF-32 (big-endian)",
        [0xFF, 0xFE, ..] => "UTF-16 (little-endian)",
        [0xFE, 0xFF, ..] => "UTF-16 (big-endian)",
        _ => null,
    };

    private static (DecodedEmail? Email, ApiProblem? Problem) DecodeJson(ReadOnlySpan<byte> body)
    {
        try
        {
            var payload = JsonSerializer.Deserialize<SendEmailRequest>(body, JsonOptions);
            if (payload is null)
            {
                return (null, new ApiProblem(StatusCodes.Status400BadRequest, "The body must be a JSON object describing the email.", "body"));
            }

            if (payload.Attachments?.IndexOf(null!) is int nullIndex and >= 0)
            {
                return (null, new ApiProblem(
                    StatusCodes.Status400BadRequest, "An attachment must be an object, not null.", $"attachments[{nullIndex}]"));
            }

            return (new DecodedEmail(payload.ToEmailRequest(), null), null);
        }
        catch (JsonException ex)
        {
            var field = ToField(ex.Path);
            var where = field == "body" ? "The body" : $"The value at '{field}'";
            var position = ex.LineNumber is { } line && ex.BytePositionInLine is { } column
                ? $" (line {line + 1}, byte {column + 1})"
                : string.Empty;
            return (null, new ApiProblem(
                StatusCodes.Status400BadRequest,
                $"{where} is not valid JSON for an email request{position}: it is malformed, has the wrong type, " +
                "repeats a property, or is not a field of an email request.",
                field));
        }
    }
}
