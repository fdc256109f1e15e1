using Microsoft.Extensions.Options;

namespace Mailstrom.Http.Links;

/// <summary>
/// Checks <see cref="PublicUrlOptions"/> at start-up: the public base URL is an absolute <c>http</c> or <c>https</c> URL
/// without query, fragment or user info, and every allowed host is a host name, IP literal, <c>*.domain</c> wildcard or
/// <c>*</c>, without scheme, port or path. Each message names the setting and shows a valid value.
/// </summary>
internal sealed class PublicUrlOptionsValidator : IValidateOptions<PublicUrlOptions>
{
    public ValidateOptionsResult Validate(string? name, PublicUrlOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>();
        if (!string.IsNullOrWhiteSpace(options.PublicBaseUrl) && !IsBaseUrl(options.PublicBaseUrl.Trim()))
        {
            failures.Add(
                $"{PublicUrlOptions.PublicBaseUrlKey} '{options.PublicBaseUrl}' must be an absolute http or https URL without a query, " +
                "fragment or user info, such as https://mail.example.com or https://example.com/mailstrom.");
        }

        if (!string.IsNullOrWhiteSpace(options.AllowedHosts) && options.AllowedHostList().Count == 0)
        {
            failures.Add($"{PublicUrlOptions.AllowedHostsKey} lists no host; list host names separated by ';', such as " +
                "'mail.example.com;localhost', or leave it unset to serve the loopback names only.");
        }

        foreach (var host in options.AllowedHostList().Where(h => !IsHostPattern(h)))
        {
            failures.Add(
                $"{PublicUrlOptions.AllowedHostsKey} entry '{host}' is not a host: list host names, IP literals or *.domain wildcards " +
                "without scheme, port or path, separated by ';', such as 'mail.example.com;*.example.org;localhost', or '*' for any host.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static bool IsBaseUrl(string value) =>
        Uri.TryCreate(value, UriKind.Absolute, out var url)
        && url.Scheme is "http" or "https"
        && !string.IsNullOrEmpty(url.Host)
        && string.IsNullOrEmpty(url.UserInfo)
        && !value.Contains('?', StringComparison.Ordinal)
        && !value.Contains('#', StringComparison.Ordinal);

    private static bool IsHostPattern(string host)
    {
        if (host == "*")
        {
            return true;
        }

        var name = host.StartsWith("*.", StringComparison.Ordinal) ? host[2..] : host;
        if (name.StartsWith('[') && name.EndsWith(']'))
        {
            return System.Net.IPAddress.TryParse(name[1..^1], out var address)
                && address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetworkV6;
        }

        return name.Length > 0 && Uri.CheckHostName(name) is UriHostNameType.Dns or UriHostNameType.IPv4;
    }
}
