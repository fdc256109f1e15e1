using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;

namespace Mailstrom.Server.Tests.Infrastructure;

/// <summary>Sample emails and request helpers for the emails API.</summary>
internal static class Api
{
    public const string Emails = "/api/emails";

    public static string Json(string subject = "Hello", params string[] to)
    {
        var recipients = to.Length == 0 ? ["alice@example.com", "bob@example.org"] : to;
        return JsonSerializer.Serialize(new
        {
            from = "Sender <sender@example.com>",
            to = recipients,
            subject,
            text = "Hi there.",
        });
    }

    public static string Rfc822(string subject = "Raw hello") =>
        "From: sender@example.com\r\n" +
        "To: alice@example.com, carol@example.net\r\n" +
        $"Subject: {subject}\r\n" +
        "MIME-Version: 1.0\r\n" +
        "Content-Type: text/plain; charset=utf-8\r\n" +
        "\r\n" +
        "Hello from raw MIME.\r\n";

    public static StringContent JsonContent(string json) => new(json, Encoding.UTF8, "application/json");

    public static async Task<HttpResponseMessage> PostJsonAsync(
        this HttpClient client, string json, string? idempotencyKey = null, string? key = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Emails) { Content = JsonContent(json) };
        if (idempotencyKey is not null)
        {
            request.Headers.TryAddWithoutValidation("Idempotency-Key", idempotencyKey);
        }

        if (key is not null)
        {
            request.Headers.Add("x-functions-key", key);
        }

        return await client.SendAsync(request);
    }

    public static async Task<HttpResponseMessage> PostRfc822Async(this HttpClient client, string message)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(message));
        content.Headers.ContentType = new MediaTypeHeaderValue("message/rfc822");
        return await client.PostAsync(Emails, content);
    }

    /// <summary>Submits a sample email and returns its id.</summary>
    public static async Task<string> CreateEmailAsync(this HttpClient client, string subject = "Hello", params string[] to)
    {
        using var response = await client.PostJsonAsync(Json(subject, to));
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        using var body = await ReadJsonAsync(response);
        return body.RootElement.GetProperty("id").GetString()!;
    }

    public static async Task<JsonDocument> ReadJsonAsync(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync());

    /// <summary>Asserts an RFC 9457 problem with the status, and the field when given; returns the document.</summary>
    public static async Task<JsonElement> AssertProblemAsync(HttpResponseMessage response, int status, string? field = null)
    {
        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var document = await ReadJsonAsync(response);
        var root = document.RootElement.Clone();
        Assert.Equal(status, root.GetProperty("status").GetInt32());
        Assert.False(string.IsNullOrEmpty(root.GetProperty("type").GetString()));
        Assert.False(string.IsNullOrEmpty(root.GetProperty("title").GetString()));
        if (field is not null)
        {
            Assert.Equal(field, root.GetProperty("field").GetString());
        }

        return root;
    }

    public static string[] PropertyNames(JsonElement element) =>
        [.. element.EnumerateObject().Select(p => p.Name)];
}
