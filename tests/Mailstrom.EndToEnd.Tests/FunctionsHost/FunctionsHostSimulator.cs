using Mailstrom.Testing.Processes;
using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Storage.Queues;
using Azure.Storage.Queues.Models;
using Mailstrom.EndToEnd.Tests.Infrastructure;

namespace Mailstrom.EndToEnd.Tests.FunctionsHost;

/// <summary>
/// Does what the Azure Functions host does for the app as a custom handler, by its documented contract: forwards HTTP
/// requests unchanged (with the proxy's forwarded headers), receives work messages from the queue named in the
/// <c>deliver</c> function's binding, and posts each to <c>/deliver</c> as <c>{"Data": …, "Metadata": …}</c>.
/// </summary>
internal sealed class FunctionsHostSimulator : IDisposable
{
    /// <summary>The public host the proxy reports in <c>X-Forwarded-Host</c>.</summary>
    public const string PublicHost = "mailstrom-e2e.azurewebsites.net";

    private readonly HttpClient _http;

    public FunctionsHostSimulator(AppProcess app, string connectionString, string workQueue)
    {
        _http = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        _http.DefaultRequestHeaders.Add("X-Forwarded-Host", PublicHost);
        _http.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");
        Queue = new QueueClient(connectionString, workQueue);
    }

    /// <summary>The HTTP client the host forwards requests with (it has checked the caller's key already).</summary>
    public HttpClient Http => _http;

    /// <summary>The work queue the <c>deliver</c> function is bound to.</summary>
    public QueueClient Queue { get; }

    /// <summary>Receives one visible work message, hiding it for the invocation as the host does (bounded wait).</summary>
    public async Task<QueueMessage> ReceiveAsync(TimeSpan? within = null)
    {
        QueueMessage? received = null;
        await Polling.UntilAsync(async () =>
        {
            received = (await Queue.ReceiveMessageAsync(TimeSpan.FromMinutes(5))).Value;
            return received is not null;
        }, within ?? TimeSpan.FromSeconds(30), "a work message on " + Queue.Name);
        return received!;
    }

    /// <summary>Posts a received message to <c>/deliver</c> in the custom-handler payload format.</summary>
    public Task<HttpResponseMessage> InvokeDeliverAsync(QueueMessage message) => InvokeAsync("deliver", Payload(message));

    /// <summary>Posts any invocation body to <c>/{function}</c>.</summary>
    public Task<HttpResponseMessage> InvokeAsync(string function, JsonObject payload) =>
        _http.PostAsJsonAsync(new Uri("/" + function, UriKind.Relative), payload);

    /// <summary>The documented queue-trigger payload for <paramref name="message"/> (binding name <c>message</c>).</summary>
    public static JsonObject Payload(QueueMessage message) => new()
    {
        ["Data"] = new JsonObject { ["message"] = message.MessageText },
        ["Metadata"] = new JsonObject
        {
            ["DequeueCount"] = message.DequeueCount,
            ["ExpirationTime"] = Time(message.ExpiresOn),
            ["Id"] = message.MessageId,
            ["InsertionTime"] = Time(message.InsertedOn),
            ["NextVisibleTime"] = Time(message.NextVisibleOn),
            ["PopReceipt"] = message.PopReceipt,
            ["sys"] = new JsonObject
            {
                ["MethodName"] = "deliver",
                ["UtcNow"] = DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture),
                ["RandGuid"] = Guid.NewGuid().ToString(),
            },
        },
    };

    /// <summary>Reads an invocation answer: its <c>Outputs</c>, <c>Logs</c> and <c>ReturnValue</c>.</summary>
    public static async Task<(JsonElement Outputs, string[] Logs, JsonElement ReturnValue)> ReadAnswerAsync(HttpResponseMessage response)
    {
        using var document = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = document.RootElement;
        return (root.GetProperty("Outputs").Clone(),
            [.. root.GetProperty("Logs").EnumerateArray().Select(l => l.GetString()!)],
            root.GetProperty("ReturnValue").Clone());
    }

    private static string? Time(DateTimeOffset? time) => time?.ToString("O", CultureInfo.InvariantCulture);

    public void Dispose() => _http.Dispose();
}
