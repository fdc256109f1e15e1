using System.Net;
using Mailstrom.Server.Tests.Infrastructure;

namespace Mailstrom.Server.Tests.Apis;

public sealed class IdempotencyTests : IDisposable
{
    private readonly ServerApp _app = ServerApp.Create();
    private readonly HttpClient _client;

    public IdempotencyTests() => _client = _app.CreateApiClient();

    public void Dispose()
    {
        _client.Dispose();
        _app.Dispose();
    }

    [Fact]
    public async Task SameKeyAndBody_Returns202WithTheSameId_AndStoresOneEmail()
    {
        var json = Api.Json("Once");

        using var first = await _client.PostJsonAsync(json, idempotencyKey: "order-42");
        using var second = await _client.PostJsonAsync(json, idempotencyKey: "order-42");

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        using var firstBody = await Api.ReadJsonAsync(first);
        using var secondBody = await Api.ReadJsonAsync(second);
        var id = firstBody.RootElement.GetProperty("id").GetString()!;
        Assert.Equal(id, secondBody.RootElement.GetProperty("id").GetString());
        Assert.Equal(first.Headers.Location, second.Headers.Location);

        using var list = await _client.GetAsync(Api.Emails);
        using var emails = await Api.ReadJsonAsync(list);
        Assert.Equal([id], emails.RootElement.EnumerateArray().Select(e => e.GetProperty("instanceId").GetString()!).ToArray());
    }

    [Fact]
    public async Task SameKeyDifferentBody_Is409Problem_AndStoresNothingNew()
    {
        using var first = await _client.PostJsonAsync(Api.Json("First"), idempotencyKey: "key-conflict");
        using var second = await _client.PostJsonAsync(Api.Json("Second"), idempotencyKey: "key-conflict");

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        await Api.AssertProblemAsync(second, 409, "Idempotency-Key");
        using var list = await _client.GetAsync(Api.Emails);
        using var emails = await Api.ReadJsonAsync(list);
        Assert.Equal(1, emails.RootElement.GetArrayLength());
    }

    [Fact]
    public async Task SameKeyWithTheSameEmailInOtherJson_Returns202WithTheSameId()
    {
        const string compact = """{"from":"sender@example.org","to":["a@example.com"],"subject":"Canonical","text":"Hi","headers":{"X-A":"1","X-B":"2"}}""";
        const string reordered = """
            {
              "text": "Hi",
              "headers": { "X-B": "2", "X-A": "1" },
              "subject": "Canonical",
              "cc": [],
              "to": [ "a@example.com" ],
              "from": "sender@example.org"
            }
            """;

        using var first = await _client.PostJsonAsync(compact, idempotencyKey: "canonical-key");
        using var second = await _client.PostJsonAsync(reordered, idempotencyKey: "canonical-key");

        using var firstBody = await Api.ReadJsonAsync(first);
        using var secondBody = await Api.ReadJsonAsync(second);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal(firstBody.RootElement.GetProperty("id").GetString(), secondBody.RootElement.GetProperty("id").GetString());
    }

    [Fact]
    public async Task SameKeyWithOneHeaderValueChanged_Is409Problem()
    {
        const string first = """{"from":"sender@example.org","to":["a@example.com"],"text":"Hi","headers":{"X-A":"1"}}""";
        const string second = """{"from":"sender@example.org","to":["a@example.com"],"text":"Hi","headers":{"X-A":"2"}}""";

        using var accepted = await _client.PostJsonAsync(first, idempotencyKey: "header-key");
        using var refused = await _client.PostJsonAsync(second, idempotencyKey: "header-key");

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        await Api.AssertProblemAsync(refused, 409, "Idempotency-Key");
    }

    [Fact]
    public async Task SameKeyAndRawMime_Returns202WithTheSameId()
    {
        using var first = await SendRawAsync(Api.Rfc822(), "message/rfc822", "mime-key");
        using var second = await SendRawAsync(Api.Rfc822(), "message/rfc822", "mime-key");

        using var firstBody = await Api.ReadJsonAsync(first);
        using var secondBody = await Api.ReadJsonAsync(second);
        Assert.Equal(HttpStatusCode.Accepted, second.StatusCode);
        Assert.Equal(firstBody.RootElement.GetProperty("id").GetString(), secondBody.RootElement.GetProperty("id").GetString());
    }

    [Fact]
    public async Task DifferentKeysSameBody_CreateTwoEmails()
    {
        var json = Api.Json("Twice");

        using var first = await _client.PostJsonAsync(json, idempotencyKey: "key-a");
        using var second = await _client.PostJsonAsync(json, idempotencyKey: "key-b");

        using var firstBody = await Api.ReadJsonAsync(first);
        using var secondBody = await Api.ReadJsonAsync(second);
        Assert.NotEqual(firstBody.RootElement.GetProperty("id").GetString(), secondBody.RootElement.GetProperty("id").GetString());
    }

    [Fact]
    public async Task EmptyKey_Is400ProblemNamingTheHeader()
    {
        // HttpClient drops empty header values, so the request is built on the server side.
        var body = System.Text.Encoding.UTF8.GetBytes(Api.Json());
        var context = await _app.Server.SendAsync(c =>
        {
            c.Request.Method = "POST";
            c.Request.Path = Api.Emails;
            c.Request.ContentType = "application/json";
            c.Request.Headers["Idempotency-Key"] = string.Empty;
            c.Request.Body = new MemoryStream(body);
        }).WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(400, context.Response.StatusCode);
        using var problem = await System.Text.Json.JsonDocument.ParseAsync(context.Response.Body);
        Assert.Equal("Idempotency-Key", problem.RootElement.GetProperty("field").GetString());
    }

    [Theory]
    [InlineData("has space")]
    [InlineData("tab\tinside")]
    [InlineData("caf\u00e9")]
    public async Task BadKey_Is400ProblemNamingTheHeader(string key)
    {
        using var response = await _client.PostJsonAsync(Api.Json(), idempotencyKey: key);

        await Api.AssertProblemAsync(response, 400, "Idempotency-Key");
    }

    [Fact]
    public async Task KeyLongerThan256Characters_Is400ProblemNamingTheHeader()
    {
        using var response = await _client.PostJsonAsync(Api.Json(), idempotencyKey: new string('k', 257));

        await Api.AssertProblemAsync(response, 400, "Idempotency-Key");
    }

    [Fact]
    public async Task KeyOf256VisibleCharacters_IsAccepted()
    {
        using var response = await _client.PostJsonAsync(Api.Json(), idempotencyKey: new string('~', 256));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task KeyRepeatedInTwoHeaders_Is400ProblemNamingTheHeader()
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Api.Emails) { Content = Api.JsonContent(Api.Json()) };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", ["one", "two"]);

        using var response = await _client.SendAsync(request);

        await Api.AssertProblemAsync(response, 400, "Idempotency-Key");
    }

    private async Task<HttpResponseMessage> SendRawAsync(string body, string contentType, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Api.Emails)
        {
            Content = new StringContent(body, System.Text.Encoding.UTF8, contentType),
        };
        request.Headers.TryAddWithoutValidation("Idempotency-Key", key);
        return await _client.SendAsync(request);
    }
}
