namespace Mailstrom.Http.Emails;

/// <summary>The list route's parameters as the client sent them, before validation.</summary>
/// <param name="RuntimeStatus">Comma-separated runtime statuses to include.</param>
/// <param name="CreatedTimeFrom">Only emails created at or after this ISO 8601 time.</param>
/// <param name="CreatedTimeTo">Only emails created at or before this ISO 8601 time.</param>
/// <param name="Top">The page size, 1 to 1000.</param>
/// <param name="ContinuationToken">The token from the previous page's <c>x-ms-continuation-token</c> response header.</param>
public sealed record ListEmailsParameters(string? RuntimeStatus, string? CreatedTimeFrom, string? CreatedTimeTo, string? Top, string? ContinuationToken)
{
    /// <summary>Reads the parameters from a request's query string and headers.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The parameters.</returns>
    public static ListEmailsParameters From(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return new(
            request.Query["runtimeStatus"],
            request.Query["createdTimeFrom"],
            request.Query["createdTimeTo"],
            request.Query["top"],
            request.Headers[ListEmailsQuery.ContinuationHeader]);
    }
}
