using System.Collections.Concurrent;
using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Mailstrom.Delivery.Tls;

namespace Mailstrom.Delivery.MtaSts;

/// <summary>Fetches a domain's policy.</summary>
internal interface IMtaStsPolicyFetcher
{
    /// <summary>Fetches and parses <c>https://mta-sts.&lt;domain&gt;/.well-known/mta-sts.txt</c>; never throws for a
    /// failed fetch (only the caller's cancellation throws).</summary>
    Task<MtaStsFetchResult> FetchAsync(string domain, CancellationToken cancellationToken);
}

/// <summary>A fetched policy, or why there is none.</summary>
/// <param name="Policy">The valid policy, or <see langword="null"/>.</param>
/// <param name="Error">Why the fetch failed or the policy is invalid, when <paramref name="Policy"/> is <see langword="null"/>.</param>
internal sealed record MtaStsFetchResult(MtaStsPolicy? Policy, string? Error);

/// <summary>
/// Fetches policies as RFC 8461 §3.3 asks: HTTPS on port 443 only, the certificate validated for
/// <c>mta-sts.&lt;domain&gt;</c> (<see cref="CertificateTrust"/>), redirects not followed, no proxy, cookies or caches,
/// only a 200 answer of media type <c>text/plain</c>, at most <see cref="MaxPolicyBytes"/> of body, and the whole fetch
/// (DNS, connect, TLS, headers, body) within <see cref="MtaStsOptions.FetchTimeout"/>. The policy host is dialled through
/// <see cref="PolicyHostConnector"/>, so the destination policy applies to it.
/// </summary>
internal sealed class MtaStsPolicyFetcher : IMtaStsPolicyFetcher, IDisposable
{
    /// <summary>The largest policy body read (RFC 8461 §3.3 suggests 64 KiB).</summary>
    public const int MaxPolicyBytes = 64 * 1024;

    private readonly HttpClient _http;
    private readonly CertificateTrust _trust;

    // Why a policy host's certificate was refused, by host name, from the TLS handshake until its fetch reports it.
    private readonly ConcurrentDictionary<string, string> _certificateProblems = new(StringComparer.OrdinalIgnoreCase);
    private readonly TimeSpan _timeout;
    private readonly TimeProvider _timeProvider;

    public MtaStsPolicyFetcher(PolicyHostConnector connector, CertificateTrust trust, TimeSpan timeout, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(connector);
        ArgumentNullException.ThrowIfNull(trust);
        _trust = trust;
        _timeout = timeout;
        _timeProvider = timeProvider;
        var handler = new SocketsHttpHandler
        {
            AllowAutoRedirect = false,
            UseProxy = false,
            UseCookies = false,
            AutomaticDecompression = DecompressionMethods.None,
            MaxResponseHeadersLength = 16, // KiB
            ConnectTimeout = timeout,
            PooledConnectionLifetime = TimeSpan.FromMinutes(1),
            PooledConnectionIdleTimeout = TimeSpan.FromSeconds(30),
            ConnectCallback = connector.ConnectAsync,
            SslOptions = new SslClientAuthenticationOptions
            {
                CertificateRevocationCheckMode = X509RevocationMode.NoCheck,
                RemoteCertificateValidationCallback = AcceptCertificate,
            },
        };
        _http = new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }

    public async Task<MtaStsFetchResult> FetchAsync(string domain, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(domain);
        if (!Uri.TryCreate($"https://mta-sts.{domain}/.well-known/mta-sts.txt", UriKind.Absolute, out var uri) || !uri.IsDefaultPort)
        {
            return new MtaStsFetchResult(null, $"mta-sts.{domain} is not a host name");
        }

        using var timeout = new CancellationTokenSource(_timeout, _timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            return await FetchAsync(uri, linked.Token);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (OperationCanceledException)
        {
            return new MtaStsFetchResult(null, $"timed out after {_timeout.TotalSeconds:0.###} s");
        }
        catch (HttpRequestException) when (_certificateProblems.TryRemove(uri.IdnHost, out var problem))
        {
            return new MtaStsFetchResult(null, MtaStsReasons.CertificateInvalid(uri.IdnHost, problem));
        }
        catch (HttpRequestException ex)
        {
            return new MtaStsFetchResult(null, ex.InnerException is { } inner ? $"{ex.Message} ({inner.Message})" : ex.Message);
        }
        catch (IOException ex)
        {
            return new MtaStsFetchResult(null, ex.Message);
        }
        finally
        {
            _certificateProblems.TryRemove(uri.IdnHost, out _);
        }
    }

    public void Dispose() => _http.Dispose();

    private async Task<MtaStsFetchResult> FetchAsync(Uri uri, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, uri);
        using var response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return new MtaStsFetchResult(null, $"HTTP {(int)response.StatusCode} (only 200 is accepted; redirects are not followed)");
        }

        var mediaType = response.Content.Headers.ContentType?.MediaType;
        if (!string.Equals(mediaType, "text/plain", StringComparison.OrdinalIgnoreCase))
        {
            return new MtaStsFetchResult(null, $"media type {mediaType ?? "(none)"} is not text/plain");
        }

        if (response.Content.Headers.ContentLength > MaxPolicyBytes)
        {
            return new MtaStsFetchResult(null, $"the policy is larger than {MaxPolicyBytes} bytes");
        }

        var body = await ReadBoundedAsync(response.Content, cancellationToken);
        if (body is null)
        {
            return new MtaStsFetchResult(null, $"the policy is larger than {MaxPolicyBytes} bytes");
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(body);
        }
        catch (DecoderFallbackException)
        {
            return new MtaStsFetchResult(null, "the policy is not UTF-8 text");
        }

        var policy = MtaStsPolicyParser.TryParse(text, out var error);
        return new MtaStsFetchResult(policy, policy is null ? $"invalid policy: {error}" : null);
    }

    /// <summary>Whether the policy host's certificate is valid for its name; when not, records why for the fetch's result.</summary>
    private bool AcceptCertificate(object sender, X509Certificate? certificate, X509Chain? chain, SslPolicyErrors errors)
    {
        var problem = _trust.Check(certificate, chain, errors);
        if (problem is not null && sender is SslStream { TargetHostName: { Length: > 0 } host })
        {
            _certificateProblems[host] = problem;
        }

        return problem is null;
    }

    /// <summary>The body, or <see langword="null"/> once it passes <see cref="MaxPolicyBytes"/>.</summary>
    private static async Task<byte[]?> ReadBoundedAsync(HttpContent content, CancellationToken cancellationToken)
    {
        await using var stream = await content.ReadAsStreamAsync(cancellationToken);
        var buffer = new byte[MaxPolicyBytes + 1];
        var length = 0;
        int read;
        while (length < buffer.Length && (read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken)) > 0)
        {
            length += read;
        }

        return length > MaxPolicyBytes ? null : buffer[..length];
    }
}
