namespace Mailstrom.Http.Links;

/// <summary>
/// Where the absolute URLs the API returns point (<c>Location</c>, <c>statusQueryGetUri</c>, <c>terminatePostUri</c>,
/// <c>purgeHistoryDeleteUri</c>, the Functions app's Durable links), and which <c>Host</c> headers are served at all. A
/// client never chooses the host of a returned URL: it is <see cref="PublicBaseUrl"/> when set, otherwise the request's
/// <c>Host</c>, which must be one of <see cref="AllowedHosts"/>.
/// </summary>
public sealed class PublicUrlOptions
{
    /// <summary>The configuration key of <see cref="PublicBaseUrl"/>.</summary>
    public const string PublicBaseUrlKey = "Mailstrom:Api:PublicBaseUrl";

    /// <summary>The configuration key of <see cref="AllowedHosts"/>: ASP.NET Core's own setting of that name.</summary>
    public const string AllowedHostsKey = "AllowedHosts";

    /// <summary>The app setting in which Azure App Service (and so Azure Functions) names the app's default host.</summary>
    public const string AzureHostNameKey = "WEBSITE_HOSTNAME";

    /// <summary>The hosts served when <see cref="AllowedHosts"/> is not set: the loopback names, so <c>dotnet run</c> and curl work.</summary>
    public const string LoopbackHosts = "localhost;127.0.0.1;[::1]";

    /// <summary>
    /// The absolute <c>http</c> or <c>https</c> URL clients reach the API at, with a path prefix if the API sits under one
    /// (<c>https://mail.example.com</c>, <c>https://example.com/mailstrom</c>); no query, fragment or user info. When set,
    /// every returned URL starts with it, whatever the request's scheme, host or forwarded headers say. Validated at
    /// start-up; an empty value counts as not set.
    /// </summary>
    /// <value>Defaults to not set: URLs are built on the request's scheme, (allowed) host and path base.</value>
    public string? PublicBaseUrl { get; set; }

    /// <summary>
    /// The hosts the API serves, separated by <c>;</c>: names or IP literals without scheme, port or path, each optionally
    /// a <c>*.example.com</c> wildcard, or <c>*</c> for any host (a warning is logged at start-up when
    /// <see cref="PublicBaseUrl"/> is not set). A request whose <c>Host</c> is missing, empty or not listed is refused with
    /// 400. Matching follows ASP.NET Core's host filtering: case-insensitive, port ignored.
    /// </summary>
    /// <value>
    /// Defaults to <see cref="LoopbackHosts"/>, plus the host of <see cref="PublicBaseUrl"/> when it is set and the app's
    /// Azure host name (<see cref="AzureHostNameKey"/>) when it runs on Azure App Service or Azure Functions.
    /// </value>
    public string? AllowedHosts { get; set; }

    /// <summary>The app's default host name on Azure (<see cref="AzureHostNameKey"/>), set by the platform.</summary>
    /// <value>Read from the environment; not set outside Azure.</value>
    public string? AzureHostName { get; set; }

    /// <summary>The hosts served: <see cref="AllowedHosts"/> split into entries, or the default list when it is not set.</summary>
    /// <returns>The entries, trimmed, without empty ones.</returns>
    public IReadOnlyList<string> AllowedHostList()
    {
        if (!string.IsNullOrWhiteSpace(AllowedHosts))
        {
            return Split(AllowedHosts);
        }

        var hosts = Split(LoopbackHosts).ToList();
        if (!string.IsNullOrWhiteSpace(PublicBaseUrl) && Uri.TryCreate(PublicBaseUrl.Trim(), UriKind.Absolute, out var url))
        {
            hosts.Add(url.IdnHost.Contains(':', StringComparison.Ordinal) ? $"[{url.IdnHost}]" : url.IdnHost);
        }

        if (!string.IsNullOrWhiteSpace(AzureHostName))
        {
            hosts.Add(AzureHostName.Trim());
        }

        return hosts;
    }

    private static List<string> Split(string hosts) =>
        [.. hosts.Split(';', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)];
}
