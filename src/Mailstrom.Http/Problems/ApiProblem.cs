using Microsoft.AspNetCore.Http.HttpResults;

namespace Mailstrom.Http.Problems;

/// <summary>
/// A refusal as RFC 9457 problem details: <c>type</c>, <c>title</c>, <c>status</c>, <c>detail</c> and, when one field
/// is to blame, a <c>field</c> extension member naming it in the request's shape (<c>to[1]</c>, <c>Idempotency-Key</c>).
/// </summary>
/// <param name="Status">The HTTP status code.</param>
/// <param name="Detail">What is wrong, in words a caller can act on. Never echoes keys or bodies.</param>
/// <param name="Field">The offending field, header or query parameter, if one is to blame.</param>
internal sealed record ApiProblem(int Status, string Detail, string? Field = null)
{
    /// <summary>The name of the extension member that names the offending field.</summary>
    public const string FieldMember = "field";

    /// <summary>The longest <c>field</c> written; a longer one (an unknown property's name) is cut and ends in "...".</summary>
    public const int MaxFieldLength = 256;

    /// <summary>The longest <c>detail</c> written; a longer one (quoting a caller's value) is cut and ends in "...".</summary>
    public const int MaxDetailLength = 1024;

    /// <summary>
    /// Converts the refusal to a typed result. The field and detail may quote what the caller sent (a property name, an
    /// address), so both are cut to a fixed length: a refusal never grows with the request.
    /// </summary>
    /// <returns>The problem details result.</returns>
    public ProblemHttpResult ToResult()
    {
        var (type, title) = Describe(Status);
        var extensions = Field is null ? null : new Dictionary<string, object?> { [FieldMember] = Cut(Field, MaxFieldLength) };
        return TypedResults.Problem(detail: Cut(Detail, MaxDetailLength), statusCode: Status, title: title, type: type, extensions: extensions);
    }

    /// <summary>The RFC 9110 section (RFC 6585 for 431) and reason phrase of a status code.</summary>
    /// <param name="status">The status code.</param>
    /// <returns>The problem type URI and title; any other 4xx is described as the 4xx class, anything else as 500.</returns>
    public static (string Type, string Title) Describe(int status) => status switch
    {
        StatusCodes.Status400BadRequest => (Rfc9110("15.5.1"), "Bad Request"),
        StatusCodes.Status401Unauthorized => (Rfc9110("15.5.2"), "Unauthorized"),
        StatusCodes.Status404NotFound => (Rfc9110("15.5.5"), "Not Found"),
        StatusCodes.Status405MethodNotAllowed => (Rfc9110("15.5.6"), "Method Not Allowed"),
        StatusCodes.Status408RequestTimeout => (Rfc9110("15.5.9"), "Request Timeout"),
        StatusCodes.Status409Conflict => (Rfc9110("15.5.10"), "Conflict"),
        StatusCodes.Status410Gone => (Rfc9110("15.5.11"), "Gone"),
        StatusCodes.Status411LengthRequired => (Rfc9110("15.5.12"), "Length Required"),
        StatusCodes.Status413PayloadTooLarge => (Rfc9110("15.5.14"), "Content Too Large"),
        StatusCodes.Status414UriTooLong => (Rfc9110("15.5.15"), "URI Too Long"),
        StatusCodes.Status415UnsupportedMediaType => (Rfc9110("15.5.16"), "Unsupported Media Type"),
        StatusCodes.Status431RequestHeaderFieldsTooLarge => ("https://tools.ietf.org/html/rfc6585#section-5", "Request Header Fields Too Large"),
        StatusCodes.Status503ServiceUnavailable => (Rfc9110("15.6.4"), "Service Unavailable"),
        >= 400 and < 500 => (Rfc9110("15.5"), "Client Error"),
        _ => (Rfc9110("15.6.1"), "An error occurred while processing your request."),
    };

    /// <summary>
    /// 400 for a request whose <c>Host</c> is not one the API serves (see <c>AllowedHosts</c>). The host is not quoted:
    /// a refusal never reflects it.
    /// </summary>
    /// <returns>The refusal.</returns>
    public static ApiProblem HostNotAllowed() => new(StatusCodes.Status400BadRequest,
        "The Host header is missing, empty or names a host this API does not serve (see the AllowedHosts setting).", "Host");

    /// <summary>404 for an id that names no email.</summary>
    /// <param name="id">The id from the route.</param>
    /// <returns>The refusal.</returns>
    public static ApiProblem EmailNotFound(string id) =>
        new(StatusCodes.Status404NotFound, $"No email with id '{Truncate(id)}' exists; it was never accepted or has been purged.", "id");

    private static string Rfc9110(string section) => $"https://tools.ietf.org/html/rfc9110#section-{section}";

    private static string Truncate(string value) => Cut(value, 64);

    private static string Cut(string value, int length) => value.Length <= length ? value : value[..length] + "...";
}
