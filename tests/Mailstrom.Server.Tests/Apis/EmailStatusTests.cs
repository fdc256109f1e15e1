using System.Net;
using System.Text.Json;
using Mailstrom.Server.Tests.Infrastructure;

namespace Mailstrom.Server.Tests.Apis;

public sealed class EmailStatusTests : IDisposable
{
    private readonly ServerApp _app = ServerApp.Create();
    private readonly HttpClient _client;

    public EmailStatusTests() => _client = _app.CreateApiClient();

    public void Dispose()
    {
        _client.Dispose();
        _app.Dispose();
    }

    [Fact]
    public async Task Get_WhilePending_Is202WithRetryAfterLocationAndTheDurableShape()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        var id = await _client.CreateEmailAsync("Shape", "alice@example.com", "bob@example.org");

        using var response = await _client.GetAsync($"/api/emails/{id}");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.NotNull(response.Headers.RetryAfter?.Delta);
        Assert.Equal(new Uri($"http://localhost/api/emails/{id}"), response.Headers.Location);
        using var body = await Api.ReadJsonAsync(response);
        var root = body.RootElement;
        Assert.Equal(
            ["name", "instanceId", "runtimeStatus", "input", "customStatus", "output", "createdTime", "lastUpdatedTime"],
            Api.PropertyNames(root));
        Assert.Equal("SendEmail", root.GetProperty("name").GetString());
        Assert.Equal(id, root.GetProperty("instanceId").GetString());
        Assert.Equal("Pending", root.GetProperty("runtimeStatus").GetString());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("output").ValueKind);

        var input = root.GetProperty("input");
        Assert.Equal(["messageId", "from", "subject", "recipientCount"], Api.PropertyNames(input));
        Assert.Equal("Shape", input.GetProperty("subject").GetString());
        Assert.Equal(2, input.GetProperty("recipientCount").GetInt32());
        Assert.Contains("sender@example.com", input.GetProperty("from").GetString(), StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(input.GetProperty("messageId").GetString()));
        Assert.DoesNotContain("Hi there.", body.RootElement.GetRawText(), StringComparison.Ordinal);

        var recipients = root.GetProperty("customStatus").GetProperty("recipients");
        Assert.Equal(2, recipients.GetArrayLength());
        var first = recipients[0];
        Assert.Equal(
            ["address", "status", "attempts", "lastAttemptTime", "nextAttemptTime", "mxHost", "smtpCode", "enhancedStatusCode", "response", "tls"],
            Api.PropertyNames(first));
        Assert.Equal("alice@example.com", first.GetProperty("address").GetString());
        Assert.Equal("Queued", first.GetProperty("status").GetString());
        Assert.Equal(0, first.GetProperty("attempts").GetInt32());
        Assert.Equal("bob@example.org", recipients[1].GetProperty("address").GetString());

        var created = root.GetProperty("createdTime").GetString()!;
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", created);
        Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", root.GetProperty("lastUpdatedTime").GetString()!);
        var createdTime = DateTimeOffset.Parse(created, System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(createdTime, before, DateTimeOffset.UtcNow.AddSeconds(1));
        if (first.GetProperty("nextAttemptTime").ValueKind == JsonValueKind.String)
        {
            Assert.Matches(@"^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$", first.GetProperty("nextAttemptTime").GetString()!);
        }
    }

    [Fact]
    public async Task Get_UnknownId_Is404Problem()
    {
        using var response = await _client.GetAsync($"/api/emails/{Guid.CreateVersion7():N}");

        await Api.AssertProblemAsync(response, 404, "id");
    }

    [Theory]
    [InlineData("not-an-id")]
    [InlineData("0123456789ABCDEF0123456789ABCDEF")]
    public async Task Get_MalformedId_Is404Problem(string id)
    {
        using var response = await _client.GetAsync($"/api/emails/{id}");

        await Api.AssertProblemAsync(response, 404, "id");
    }

    [Fact]
    public async Task Get_UnknownRoute_Is404ProblemDetails()
    {
        using var response = await _client.GetAsync("/api/nothing-here");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }
}
