using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Mailstrom.LoadTest;

/// <summary>The server's HTTP API, as much of it as the load test uses.</summary>
internal sealed class ApiClient : IDisposable
{
    private static readonly MediaTypeHeaderValue Json = new("application/json") { CharSet = "utf-8" };

    private readonly HttpClient _http;
    private readonly string _body;
    private readonly LoadTestOptions _options;

    public ApiClient(LoadTestOptions options)
    {
        _options = options;
        var handler = new SocketsHttpHandler
        {
            MaxConnectionsPerServer = Math.Max(options.Concurrency, 1) + options.StatusProbes + 4,
            PooledConnectionLifetime = Timeout.InfiniteTimeSpan,
            UseProxy = false,
        };
        _http = new HttpClient(handler) { BaseAddress = options.BaseUrl, Timeout = TimeSpan.FromSeconds(60) };
        if (options.Key is { } key)
        {
            _http.DefaultRequestHeaders.Add("x-functions-key", key);
        }

        _body = BuildText(options.BodyBytes);
    }

    public async Task WaitHealthyAsync(TimeSpan timeout)
    {
        var deadline = Stopwatch.GetTimestamp() + (long)(timeout.TotalSeconds * Stopwatch.Frequency);
        while (true)
        {
            try
            {
                using var response = await _http.GetAsync("api/health");
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException) when (Stopwatch.GetTimestamp() < deadline)
            {
            }

            if (Stopwatch.GetTimestamp() >= deadline)
            {
                throw new TimeoutException($"{_options.BaseUrl}api/health did not answer 200 within {timeout.TotalSeconds} s");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Submits email number <paramref name="n"/>; returns its id.</summary>
    public async Task<string> SubmitAsync(string run, int n, CancellationToken cancellationToken)
    {
        using var request = SubmitRequest(run, n);
        using var response = await _http.SendAsync(request, cancellationToken);
        return await ReadIdAsync(response, cancellationToken);
    }

    /// <summary>
    /// Submits email number <paramref name="n"/> on the calling thread (synchronous I/O, no thread-pool hop), so a
    /// dedicated sender thread measures the server, not the driver's scheduling; returns its id.
    /// </summary>
    public string Submit(string run, int n)
    {
        using var request = SubmitRequest(run, n);
        using var response = _http.Send(request);
        return ReadIdAsync(response, CancellationToken.None).GetAwaiter().GetResult();
    }

    /// <summary>Reads one email's status on the calling thread (synchronous I/O); throws unless 200 or 202.</summary>
    public void GetStatus(string id)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/emails/{id}");
        using var response = _http.Send(request, HttpCompletionOption.ResponseContentRead);
        EnsureStatus(response, id);
    }

    /// <summary>Purges (deletes) an email and everything kept about it.</summary>
    public async Task PurgeAsync(string id, CancellationToken cancellationToken)
    {
        using var response = await _http.DeleteAsync($"api/emails/{id}", cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"DELETE /api/emails/{id} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }

    /// <summary>Whether any email is still Pending or Running.</summary>
    public async Task<bool> AnyUnfinishedAsync(CancellationToken cancellationToken)
    {
        using var response = await _http.GetAsync("api/emails?runtimeStatus=Pending,Running&top=1", cancellationToken);
        response.EnsureSuccessStatusCode();
        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
        return document.RootElement.GetArrayLength() > 0;
    }

    /// <summary>Counts every recipient of every email by delivery status (pages through the list API).</summary>
    public async Task<Dictionary<string, int>> CountRecipientsAsync(CancellationToken cancellationToken)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        string? token = null;
        do
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "api/emails?top=1000");
            if (token is not null)
            {
                request.Headers.Add("x-ms-continuation-token", token);
            }

            using var response = await _http.SendAsync(request, cancellationToken);
            response.EnsureSuccessStatusCode();
            token = response.Headers.TryGetValues("x-ms-continuation-token", out var values) ? values.FirstOrDefault() : null;
            await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
            using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
            foreach (var email in document.RootElement.EnumerateArray())
            {
                foreach (var recipient in email.GetProperty("customStatus").GetProperty("recipients").EnumerateArray())
                {
                    var status = recipient.GetProperty("status").GetString() ?? "?";
                    counts[status] = counts.GetValueOrDefault(status) + 1;
                }
            }
        }
        while (token is not null);

        return counts;
    }

    public void Dispose() => _http.Dispose();

    private HttpRequestMessage SubmitRequest(string run, int n)
    {
        var to = new string[_options.Recipients];
        for (var i = 0; i < to.Length; i++)
        {
            to[i] = $"{run}-{n}-{i}@{_options.Domain}";
        }

        var payload = JsonSerializer.Serialize(new Dictionary<string, object>
        {
            ["from"] = "loadtest@sender.bench.test",
            ["to"] = to,
            ["subject"] = $"Load test {run} #{n}",
            ["text"] = _body,
        });
        var content = new StringContent(payload, Encoding.UTF8);
        content.Headers.ContentType = Json;
        return new HttpRequestMessage(HttpMethod.Post, "api/emails") { Content = content };
    }

    private static async Task<string> ReadIdAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        // The response is fully buffered by the time Send returns, so the reads below complete synchronously.
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"POST /api/emails answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        using var document = await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
        return document.RootElement.GetProperty("id").GetString()!;
    }

    private static void EnsureStatus(HttpResponseMessage response, string id)
    {
        if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Accepted))
        {
            throw new HttpRequestException($"GET /api/emails/{id} answered {(int)response.StatusCode}", null, response.StatusCode);
        }
    }

    private static string BuildText(int bytes)
    {
        const string line = "The quick brown fox jumps over the lazy dog; pack my box with five dozen liquor jugs.\r\n";
        var text = new StringBuilder(bytes + line.Length);
        while (text.Length < bytes)
        {
            text.Append(line);
        }

        return text.ToString(0, bytes);
    }
}
