using System.Text;

namespace Mailstrom.Cli.Api;

/// <summary>The filters of <c>GET /api/emails</c>, passed through as the server's query parameters (the server validates them and names the bad one).</summary>
/// <param name="RuntimeStatus">Comma-separated runtime statuses, or <see langword="null"/> for all.</param>
/// <param name="CreatedTimeFrom">Only emails created at or after this ISO 8601 time.</param>
/// <param name="CreatedTimeTo">Only emails created at or before this ISO 8601 time.</param>
/// <param name="Top">The page size, or <see langword="null"/> for the server's default.</param>
internal sealed record EmailListFilter(string? RuntimeStatus, string? CreatedTimeFrom, string? CreatedTimeTo, int? Top)
{
    /// <summary>The query string, starting with <c>?</c>, or empty.</summary>
    /// <returns>The query string.</returns>
    public string ToQueryString()
    {
        var query = new StringBuilder();
        Add(query, "runtimeStatus", RuntimeStatus);
        Add(query, "createdTimeFrom", CreatedTimeFrom);
        Add(query, "createdTimeTo", CreatedTimeTo);
        Add(query, "top", Top?.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return query.ToString();
    }

    private static void Add(StringBuilder query, string name, string? value)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            return;
        }

        query.Append(query.Length == 0 ? '?' : '&').Append(name).Append('=').Append(Uri.EscapeDataString(value));
    }
}
