using System.Globalization;
using Mailstrom.Http.Problems;
using Mailstrom.Model;

namespace Mailstrom.Http.Emails;

/// <summary>Parses the query string of <c>GET /api/emails</c>; every refusal names the parameter to fix.</summary>
internal static class ListEmailsQuery
{
    /// <summary>The header that carries the continuation token, in requests and responses.</summary>
    public const string ContinuationHeader = "x-ms-continuation-token";

    /// <summary>The page size when <c>top</c> is not given.</summary>
    public const int DefaultTop = 100;

    /// <summary>Parses the parameters.</summary>
    /// <remarks>An empty parameter (<c>top=</c>) counts as absent.</remarks>
    /// <param name="runtimeStatus">
    /// Comma-separated runtime status names, case-insensitive, with optional spaces or tabs around each; any other
    /// character (a line break, a control character) makes the name unknown.
    /// </param>
    /// <param name="createdTimeFrom">An ISO 8601 time; without an offset it is taken as UTC.</param>
    /// <param name="createdTimeTo">An ISO 8601 time; without an offset it is taken as UTC.</param>
    /// <param name="top">The page size, 1 to <see cref="EmailQuery.MaxTop"/>.</param>
    /// <param name="continuationToken">The token from the previous page's response header.</param>
    /// <returns>The query, or a refusal naming the parameter.</returns>
    public static (EmailQuery? Query, ApiProblem? Problem) Parse(
        string? runtimeStatus, string? createdTimeFrom, string? createdTimeTo, string? top, string? continuationToken)
    {
        var statuses = new List<RuntimeStatus>();
        if (!string.IsNullOrEmpty(runtimeStatus))
        {
            foreach (var name in runtimeStatus.Split(',').Select(n => n.Trim(' ', '\t')).Where(n => n.Length > 0))
            {
                if (!name.All(char.IsAsciiLetter) || !Enum.TryParse<RuntimeStatus>(name, ignoreCase: true, out var status))
                {
                    return Refuse("runtimeStatus",
                        $"'{Clip(name)}' is not a runtime status; use any of {string.Join(", ", Enum.GetNames<RuntimeStatus>())}, comma-separated.");
                }

                if (!statuses.Contains(status))
                {
                    statuses.Add(status);
                }
            }
        }

        if (!TryParseTime(createdTimeFrom, out var from))
        {
            return Refuse("createdTimeFrom", "must be an ISO 8601 time such as 2026-11-23T20:33:00Z.");
        }

        if (!TryParseTime(createdTimeTo, out var to))
        {
            return Refuse("createdTimeTo", "must be an ISO 8601 time such as 2026-11-23T20:33:00Z.");
        }

        if (from is not null && to is not null && from > to)
        {
            return Refuse("createdTimeFrom", "must not be later than createdTimeTo.");
        }

        var pageSize = DefaultTop;
        if (!string.IsNullOrWhiteSpace(top)
            && (!int.TryParse(top, NumberStyles.None, CultureInfo.InvariantCulture, out pageSize) || pageSize < 1 || pageSize > EmailQuery.MaxTop))
        {
            return Refuse("top", $"must be a whole number from 1 to {EmailQuery.MaxTop}.");
        }

        return (new EmailQuery
        {
            RuntimeStatuses = statuses,
            CreatedTimeFrom = from,
            CreatedTimeTo = to,
            Top = pageSize,
            ContinuationToken = string.IsNullOrEmpty(continuationToken) ? null : continuationToken,
        }, null);
    }

    private static bool TryParseTime(string? value, out DateTimeOffset? time)
    {
        time = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        if (DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var parsed))
        {
            time = parsed;
            return true;
        }

        return false;
    }

    private static (EmailQuery?, ApiProblem?) Refuse(string parameter, string rule)
    {
        var detail = rule.StartsWith('\'') ? rule : $"The {parameter} query parameter {rule}";
        return (null, new ApiProblem(StatusCodes.Status400BadRequest, detail, parameter));
    }

    private static string Clip(string value) => value.Length <= 40 ? value : value[..40] + "...";
}
