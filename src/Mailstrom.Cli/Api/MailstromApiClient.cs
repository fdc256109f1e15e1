using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Mailstrom.Cli.Errors;
using Mailstrom.Contracts;

namespace Mailstrom.Cli.Api;

/// <summary>
/// The server's HTTP API as the tool uses it. Every failure comes out as a <see cref="CliException"/> that says what
/// to do next: an unreachable server, a timeout, a refused key, or the API's problem details (detail and field).
/// </summary>
internal sealed class MailstromApiClient : IDisposable
{
    /// <summary>The header that carries the key.</summary>
    public const string KeyHeader = "x-functions-key";

    /// <summary>The header that carries the list's continuation token, in requests and responses.</summary>
    public const string ContinuationHeader = "x-ms-continuation-token";

    private const string Emails = "api/emails";

    private const string Suppressions = "api/suppressions";

    private readonly HttpClient _http;

    /// <summary>Creates the client.</summary>
    /// <param name="handler">The transport; disposed with the client.</param>
    /// <param name="endpoint">The server and key.</param>
    /// <param name="timeout">The longest wait for one answer.</param>
    public MailstromApiClient(HttpMessageHandler handler, ServerEndpoint endpoint, TimeSpan timeout)
    {
        Endpoint = endpoint;
        Timeout = timeout;
        _http = new HttpClient(handler, disposeHandler: true) { BaseAddress = endpoint.BaseAddress, Timeout = timeout };
        if (endpoint.Key is { } key)
        {
            _http.DefaultRequestHeaders.Add(KeyHeader, key);
        }
    }

    /// <summary>The server asked.</summary>
    public ServerEndpoint Endpoint { get; }

    /// <summary>The longest wait for one answer.</summary>
    public TimeSpan Timeout { get; }

    /// <summary>Submits an email.</summary>
    /// <param name="content">The JSON or MIME body.</param>
    /// <param name="idempotencyKey">The <c>Idempotency-Key</c> header, if any.</param>
    /// <param name="cancellationToken">Stops the request.</param>
    /// <returns>The id and management URLs.</returns>
    /// <exception cref="CliException">The server refused the email or could not be used.</exception>
    public async Task<CheckStatusResponse> SendAsync(EmailContent content, string? idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(content);
        using var request = new HttpRequestMessage(HttpMethod.Post, Emails) { Content = new ReadOnlyMemoryContent(content.Body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue(content.MediaType);
        if (idempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        }

        using var response = await SendAsync(request, cancellationToken);
        return await ReadAsync<CheckStatusResponse>(response, cancellationToken);
    }

    /// <summary>Reads an email's status.</summary>
    /// <param name="id">The email id.</param>
    /// <param name="cancellationToken">Stops the request.</param>
    /// <returns>The status and the server's <c>Retry-After</c>.</returns>
    /// <exception cref="CliException">No such email, or the server could not be used.</exception>
    public async Task<StatusReading> GetStatusAsync(string id, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, EmailPath(id));
        using var response = await SendAsync(request, cancellationToken);
        var status = await ReadAsync<EmailStatusResponse>(response, cancellationToken);
        return new StatusReading(status, RetryAfter(response));
    }

    /// <summary>Reads one page of the email list.</summary>
    /// <param name="filter">The filters and page size.</param>
    /// <param name="continuationToken">The previous page's token, or <see langword="null"/> for the first page.</param>
    /// <param name="cancellationToken">Stops the request.</param>
    /// <returns>The page.</returns>
    /// <exception cref="CliException">The server refused a filter (naming it) or could not be used.</exception>
    public async Task<EmailListPage> ListAsync(EmailListFilter filter, string? continuationToken, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(filter);
        using var request = new HttpRequestMessage(HttpMethod.Get, Emails + filter.ToQueryString());
        if (continuationToken is not null)
        {
            request.Headers.TryAddWithoutValidation(ContinuationHeader, continuationToken);
        }

        using var response = await SendAsync(request, cancellationToken);
        var items = await ReadAsync<List<EmailStatusResponse>>(response, cancellationToken);
        var next = response.Headers.TryGetValues(ContinuationHeader, out var values) ? values.FirstOrDefault() : null;
        return new EmailListPage(items, string.IsNullOrEmpty(next) ? null : next);
    }

    /// <summary>Terminates an email: every recipient not yet final becomes Cancelled.</summary>
    /// <param name="id">The email id.</param>
    /// <param name="reason">Why, stored with the email.</param>
    /// <param name="cancellationToken">Stops the request.</param>
    /// <returns>A task that completes when the server accepted the termination.</returns>
    /// <exception cref="CliException">No such email, already final (410), or the server could not be used.</exception>
    public async Task TerminateAsync(string id, string? reason, CancellationToken cancellationToken)
    {
        var path = EmailPath(id) + "/terminate" + (reason is null ? string.Empty : "?reason=" + Uri.EscapeDataString(reason));
        using var request = new HttpRequestMessage(HttpMethod.Post, path);
        using var response = await SendAsync(request, cancellationToken);
    }

    /// <summary>Purges an email: its content, status and history are erased.</summary>
    /// <param name="id">The email id.</param>
    /// <param name="cancellationToken">Stops the request.</param>
    /// <returns>A task that completes when the server has purged the email.</returns>
    /// <exception cref="CliException">No such email, or the server could not be used.</exception>
    public async Task PurgeAsync(string id, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, EmailPath(id));
        using var response = await SendAsync(request, cancellationToken);
    }

    /// <summary>Lists one page of the suppression list.</summary>
    /// <param name="limit">The page size, or <see langword="null"/> for the server's default.</param>
    /// <param name="continuationToken">The previous page's token, or <see langword="null"/> for the first page.</param>
    /// <param name="cancellationToken">Stops the request.</param>
    /// <returns>The page.</returns>
    /// <exception cref="CliException">The server refused the request or could not be used.</exception>
    public async Task<SuppressionListPage> ListSuppressionsAsync(int? limit, string? continuationToken, CancellationToken cancellationToken)
    {
        var path = Suppressions + (limit is { } n ? string.Create(CultureInfo.InvariantCulture, $"?limit={n}") : string.Empty);
        using var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (continuationToken is not null)
        {
            request.Headers.TryAddWithoutValidation(ContinuationHeader, continuationToken);
        }

        using var response = await SendAsync(request, cancellationToken);
        var items = await ReadAsync<List<SuppressionResponse>>(response, cancellationToken);
        var next = response.Headers.TryGetValues(ContinuationHeader, out var values) ? values.FirstOrDefault() : null;
        return new SuppressionListPage(items, string.IsNullOrEmpty(next) ? null : next);
    }

    /// <summary>Removes an address from the suppression list.</summary>
    /// <param name="address">The address.</param>
    /// <param name="cancellationToken">Stops the request.</param>
    /// <returns>A task that completes when the server removed it.</returns>
    /// <exception cref="CliException">Not on the list (404), malformed (400), or the server could not be used.</exception>
    public async Task RemoveSuppressionAsync(string address, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Delete, $"{Suppressions}/{Uri.EscapeDataString(address)}");
        using var response = await SendAsync(request, cancellationToken);
    }

    /// <inheritdoc />
    public void Dispose() => _http.Dispose();

    private static string EmailPath(string id) => $"{Emails}/{Uri.EscapeDataString(id)}";

    private static TimeSpan? RetryAfter(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - DateTimeOffset.UtcNow,
        _ => null,
    };

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw CliException.Unavailable(
                $"Cannot reach the Mailstrom server at {Endpoint.Display} ({Reason(ex)}). Is it running? " +
                $"Set --url or {ServerEndpoint.UrlVariable} to its address.", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw CliException.Unavailable(
                $"The server at {Endpoint.Display} did not answer within {Timeout.TotalSeconds:0.#} s (raise it with --timeout).", ex);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            throw ApiFailures.For(response.StatusCode, await ReadProblemAsync(response, cancellationToken), Endpoint);
        }
    }

    private async Task<T> ReadAsync<T>(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            return await response.Content.ReadFromJsonAsync<T>(ApiJson.Options, cancellationToken)
                ?? throw new JsonException("The body is null.");
        }
        catch (JsonException ex)
        {
            throw CliException.Unavailable(
                $"The server at {Endpoint.Display} answered {(int)response.StatusCode} with a body this tool cannot read: is the URL a Mailstrom server?", ex);
        }
    }

    private static async Task<ApiProblem?> ReadProblemAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        if (response.Content.Headers.ContentType?.MediaType is not ("application/problem+json" or "application/json"))
        {
            return null;
        }

        try
        {
            return await response.Content.ReadFromJsonAsync<ApiProblem>(ApiJson.Options, cancellationToken);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string Reason(HttpRequestException ex) => ex.HttpRequestError switch
    {
        HttpRequestError.ConnectionError => "connection refused or no route",
        HttpRequestError.NameResolutionError => "the host name does not resolve",
        HttpRequestError.SecureConnectionError => "the TLS handshake failed",
        _ => ex.Message,
    };
}
