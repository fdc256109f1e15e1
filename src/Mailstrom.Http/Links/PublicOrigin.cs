using System.Globalization;
using Mailstrom.Http.Diagnostics;
using Mailstrom.Http.Problems;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace Mailstrom.Http.Links;

/// <summary>
/// The one rule for the hosts the API serves and the origin its absolute URLs are built on (<see cref="PublicUrlOptions"/>):
/// the server's host check, the Functions app's host check and every link builder ask it. A request's <c>Host</c> is
/// served only when it is listed in <c>AllowedHosts</c> (or that is <c>*</c>); the links use the configured public base
/// URL when there is one, otherwise the request's own scheme, host and path base, which are then known to be allowed.
/// Forwarded headers count only where the host applies them (ASP.NET Core's forwarded-headers middleware, when an
/// operator enables it); the allowed hosts are checked after them.
/// </summary>
public sealed class PublicOrigin
{
    private readonly string? _publicBaseUrl;
    private readonly bool _anyHost;
    private readonly StringSegment[] _allowedHosts;
    private readonly ILogger _logger;

    /// <summary>Creates the rule from validated settings.</summary>
    /// <param name="options">The settings.</param>
    /// <param name="logger">Where refused hosts are logged.</param>
    /// <exception cref="OptionsValidationException">The settings are invalid.</exception>
    public PublicOrigin(IOptions<PublicUrlOptions> options, ILogger<PublicOrigin> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        _publicBaseUrl = string.IsNullOrWhiteSpace(settings.PublicBaseUrl) ? null : settings.PublicBaseUrl.Trim().TrimEnd('/');
        var hosts = settings.AllowedHostList();
        _anyHost = hosts.Contains("*");
        _allowedHosts = [.. hosts.Where(h => h != "*").Select(h => new StringSegment(new HostString(h).ToUriComponent()))];
        _logger = logger;
    }

    /// <summary>Whether any host is served (<c>AllowedHosts</c> is <c>*</c>).</summary>
    public bool AllowsAnyHost => _anyHost;

    /// <summary>The configured public base URL without a trailing slash, or <see langword="null"/>.</summary>
    public string? PublicBaseUrl => _publicBaseUrl;

    /// <summary>
    /// Whether a <c>Host</c> header value is one the API serves: present, non-empty, with a valid port if any, and allowed.
    /// </summary>
    /// <param name="host">The host, with or without a port.</param>
    /// <returns><see langword="true"/> when it is served.</returns>
    public bool IsAllowed(HostString host) =>
        host.HasValue && !string.IsNullOrWhiteSpace(host.Host) && HasValidPort(host.Value)
        && (_anyHost || HostString.MatchesAny(host.Value, _allowedHosts));

    /// <summary>The base every absolute URL of a response to <paramref name="request"/> starts with.</summary>
    /// <param name="request">The request.</param>
    /// <returns>
    /// The public base URL when configured, else <c>scheme://host[:port][/pathbase]</c> of the request; <see langword="null"/>
    /// when the request's host is not served or its scheme is neither <c>http</c> nor <c>https</c>.
    /// </returns>
    public string? BaseUrl(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!IsAllowed(request.Host))
        {
            return null;
        }

        if (_publicBaseUrl is not null)
        {
            return _publicBaseUrl;
        }

        return request.Scheme.Equals("http", StringComparison.OrdinalIgnoreCase) || request.Scheme.Equals("https", StringComparison.OrdinalIgnoreCase)
            ? $"{request.Scheme.ToLowerInvariant()}://{request.Host.ToUriComponent()}{request.PathBase.ToUriComponent()}"
            : null;
    }

    /// <summary>Whether the port of a <c>Host</c> value, if it has one, is a number from 1 to 65535 (it is copied into URLs).</summary>
    private static bool HasValidPort(string host)
    {
        var separator = host.StartsWith('[') ? host.IndexOf("]:", StringComparison.Ordinal) + 1 : host.LastIndexOf(':');
        if (separator <= 0)
        {
            return true;
        }

        var port = host.AsSpan(separator + 1);
        return port.Length is > 0 and <= 5 && !port.ContainsAnyExceptInRange('0', '9')
            && int.Parse(port, CultureInfo.InvariantCulture) is > 0 and <= 65535;
    }

    /// <summary>Checks a request's host: <see langword="null"/> when it is served, else the logged 400 refusal naming <c>Host</c>.</summary>
    /// <param name="request">The request.</param>
    /// <returns>The refusal, or <see langword="null"/>.</returns>
    internal ApiProblem? Refuse(HttpRequest request)
    {
        if (BaseUrl(request) is not null)
        {
            return null;
        }

        Log.HostRefused(_logger, request.Method, request.Path.Value, request.Host.Value, request.Scheme);
        return ApiProblem.HostNotAllowed();
    }
}
