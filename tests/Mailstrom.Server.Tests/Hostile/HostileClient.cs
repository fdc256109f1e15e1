using System.Text.Json;
using Mailstrom.Server.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace Mailstrom.Server.Tests.Hostile;

/// <summary>Sends raw requests to the emails API and checks what every refusal must be.</summary>
internal static class HostileClient
{
    /// <summary>The largest problem document accepted: a refusal never echoes a large body back.</summary>
    public const int MaxProblemChars = 4096;

    public static async Task<HttpResponseMessage> PostAsync(HttpClient client, string? contentType, byte[] body, string? idempotencyKey = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Api.Emails) { Content = new ByteArrayContent(body) };
        if (contentType is not null)
        {
            request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        }

        return await client.SendAsync(request);
    }

    /// <summary>
    /// Checks an RFC 9457 problem document: the content type, a 4xx status matching the response, a type and title,
    /// a string <c>field</c>, and a bounded size. Returns why not, or <see langword="null"/> when it is one.
    /// </summary>
    public static async Task<(string? Error, string? Field)> CheckProblemAsync(HttpResponseMessage response)
    {
        var status = (int)response.StatusCode;
        var text = await response.Content.ReadAsStringAsync();
        if (status is < 400 or > 499)
        {
            return ($"status {status} is not 4xx: {Truncate(text)}", null);
        }

        if (response.Content.Headers.ContentType?.MediaType != "application/problem+json")
        {
            return ($"content type {response.Content.Headers.ContentType} is not application/problem+json", null);
        }

        if (text.Length > MaxProblemChars)
        {
            return ($"the problem document is {text.Length} characters long", null);
        }

        try
        {
            using var document = JsonDocument.Parse(text);
            var root = document.RootElement;
            if (!root.TryGetProperty("status", out var s) || s.GetInt32() != status
                || !root.TryGetProperty("type", out var t) || string.IsNullOrEmpty(t.GetString())
                || !root.TryGetProperty("title", out var ti) || string.IsNullOrEmpty(ti.GetString()))
            {
                return ($"not a problem document: {Truncate(text)}", null);
            }

            return root.TryGetProperty("field", out var field) && field.ValueKind == JsonValueKind.String
                ? (null, field.GetString())
                : (null, null);
        }
        catch (JsonException ex)
        {
            return ($"not JSON ({ex.Message}): {Truncate(text)}", null);
        }
    }

    /// <summary>The stored emails, as the list API reports them.</summary>
    public static async Task<int> CountStoredAsync(HttpClient client)
    {
        using var list = await client.GetAsync(Api.Emails + "?top=1000");
        list.EnsureSuccessStatusCode();
        using var body = await Api.ReadJsonAsync(list);
        return body.RootElement.GetArrayLength();
    }

    /// <summary>Error-level (or worse) entries and entries carrying an exception, as text.</summary>
    public static IReadOnlyList<string> Errors(ServerApp app) =>
        [.. app.Logs.Where(l => l.Level >= LogLevel.Error || l.Message.Contains("Exception", StringComparison.Ordinal))
            .Select(l => $"{l.Level} {l.EventId}: {Truncate(l.Message)}")];

    public static string Truncate(string text) => text.Length <= 300 ? text : text[..300] + "...";
}
