using Mailstrom.Cli.Errors;

namespace Mailstrom.Cli.Api;

/// <summary>
/// Where the API is and the key to present, resolved from the options, then the environment, then the default. The key
/// is kept out of <see cref="ToString"/> and of every message: only where it came from is ever shown.
/// </summary>
internal sealed class ServerEndpoint
{
    /// <summary>The environment variable that gives the server URL when <c>--url</c> is absent.</summary>
    public const string UrlVariable = "MAILSTROM_URL";

    /// <summary>The environment variable that gives the key when <c>--key</c> is absent.</summary>
    public const string KeyVariable = "MAILSTROM_KEY";

    /// <summary>The URL used when neither <c>--url</c> nor <see cref="UrlVariable"/> is set: the server's and Core Tools' default.</summary>
    public const string DefaultUrl = "http://localhost:7071";

    private ServerEndpoint(Uri baseAddress, string? key, string? keySource)
    {
        BaseAddress = baseAddress;
        Key = key;
        KeySource = keySource;
    }

    /// <summary>The server's base URL, ending in <c>/</c>; the API is under <c>api/</c> below it.</summary>
    public Uri BaseAddress { get; }

    /// <summary>The function key, or <see langword="null"/> when none was given.</summary>
    public string? Key { get; }

    /// <summary>Where the key came from (<c>--key</c> or <see cref="KeyVariable"/>), for messages; <see langword="null"/> without a key.</summary>
    public string? KeySource { get; }

    /// <summary>The URL as messages show it: scheme, host, port and path, never user information or a query (which could hold a key).</summary>
    public string Display => BaseAddress.GetLeftPart(UriPartial.Path).TrimEnd('/');

    /// <summary>Resolves the endpoint.</summary>
    /// <param name="url">The <c>--url</c> option, if given.</param>
    /// <param name="key">The <c>--key</c> option, if given.</param>
    /// <param name="getVariable">Reads an environment variable.</param>
    /// <returns>The endpoint.</returns>
    /// <exception cref="CliException">The URL is not an absolute http or https URL.</exception>
    public static ServerEndpoint Resolve(string? url, string? key, Func<string, string?> getVariable)
    {
        ArgumentNullException.ThrowIfNull(getVariable);
        var (text, urlSource) = NonEmpty(url) is { } u ? (u, "--url")
            : NonEmpty(getVariable(UrlVariable)) is { } v ? (v, UrlVariable)
            : (DefaultUrl, "the default");
        if (!Uri.TryCreate(text, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps)
            || !string.IsNullOrEmpty(uri.Query) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            throw CliException.Usage(
                $"The server URL from {urlSource} must be an absolute http or https URL without a query or user name, such as {DefaultUrl}.");
        }

        var baseAddress = new Uri(uri.GetLeftPart(UriPartial.Path).TrimEnd('/') + "/");
        return NonEmpty(key) is { } k ? new(baseAddress, k, "--key")
            : NonEmpty(getVariable(KeyVariable)) is { } e ? new(baseAddress, e, KeyVariable)
            : new(baseAddress, null, null);
    }

    /// <inheritdoc />
    public override string ToString() => Display;

    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
