using System.Net;
using Mailstrom.Server.Tests.Infrastructure;
using Microsoft.Extensions.Logging;

namespace Mailstrom.Server.Tests.Security;

public sealed class FunctionKeyTests
{
    private static readonly IPAddress Remote = IPAddress.Parse("203.0.113.7");

    [Fact]
    public async Task WithKeys_NoKey_Is401Problem()
    {
        using var app = ServerApp.Create(remoteAddress: Remote, keys: [ServerApp.Key]);
        using var client = app.CreateApiClient();

        using var response = await client.GetAsync(Api.Emails);

        var problem = await Api.AssertProblemAsync(response, 401);
        Assert.DoesNotContain(ServerApp.Key, problem.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithKeys_WrongKeyInHeaderOrQuery_Is401ProblemWithTheSameDetail()
    {
        using var app = ServerApp.Create(remoteAddress: Remote, keys: [ServerApp.Key]);
        using var client = app.CreateApiClient();

        using var header = new HttpRequestMessage(HttpMethod.Get, Api.Emails);
        header.Headers.Add("x-functions-key", ServerApp.Key + "x");
        using var byHeader = await client.SendAsync(header);
        using var byQuery = await client.GetAsync($"{Api.Emails}?code={ServerApp.Key[..^1]}");
        using var missing = await client.GetAsync(Api.Emails);

        var headerProblem = await Api.AssertProblemAsync(byHeader, 401);
        var queryProblem = await Api.AssertProblemAsync(byQuery, 401);
        var missingProblem = await Api.AssertProblemAsync(missing, 401);
        Assert.Equal(headerProblem.GetProperty("detail").GetString(), queryProblem.GetProperty("detail").GetString());
        Assert.Equal(headerProblem.GetProperty("detail").GetString(), missingProblem.GetProperty("detail").GetString());
    }

    [Fact]
    public async Task WithKeys_KeyInHeader_IsServed()
    {
        using var app = ServerApp.Create(remoteAddress: Remote, keys: [ServerApp.Key]);
        using var client = app.CreateApiClient();

        using var response = await client.PostJsonAsync(Api.Json(), key: ServerApp.Key);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.DoesNotContain(ServerApp.Key, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task WithKeys_KeyInCodeQueryParameter_IsServed()
    {
        using var app = ServerApp.Create(remoteAddress: Remote, keys: [ServerApp.Key]);
        using var client = app.CreateApiClient();

        using var response = await client.GetAsync($"{Api.Emails}?code={ServerApp.Key}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task WithKeys_EveryConfiguredKeyIsAccepted()
    {
        using var app = ServerApp.Create(remoteAddress: Remote, keys: [ServerApp.Key, ServerApp.SecondKey]);
        using var client = app.CreateApiClient();

        using var request = new HttpRequestMessage(HttpMethod.Get, Api.Emails);
        request.Headers.Add("x-functions-key", ServerApp.SecondKey);
        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task WithKeys_LoopbackClientStillNeedsAKey()
    {
        using var app = ServerApp.Create(remoteAddress: IPAddress.Loopback, keys: [ServerApp.Key]);
        using var client = app.CreateApiClient();

        using var response = await client.GetAsync(Api.Emails);

        await Api.AssertProblemAsync(response, 401);
    }

    [Theory]
    [InlineData("GET", "/api/emails/0190a7b2c3d4e5f60718293a4b5c6d7e")]
    [InlineData("POST", "/api/emails/0190a7b2c3d4e5f60718293a4b5c6d7e/terminate?reason=x")]
    [InlineData("DELETE", "/api/emails/0190a7b2c3d4e5f60718293a4b5c6d7e")]
    [InlineData("POST", "/api/emails")]
    [InlineData("GET", "/openapi/v1.json")]
    public async Task WithKeys_EveryApiRouteAndTheOpenApiDocumentNeedAKey(string method, string url)
    {
        using var app = ServerApp.Create(remoteAddress: Remote, keys: [ServerApp.Key]);
        using var client = app.CreateApiClient();

        using var response = await client.SendAsync(new HttpRequestMessage(new HttpMethod(method), url));

        await Api.AssertProblemAsync(response, 401);
    }

    [Fact]
    public async Task WithKeys_HealthNeedsNoKey()
    {
        using var app = ServerApp.Create(remoteAddress: Remote, keys: [ServerApp.Key]);
        using var client = app.CreateApiClient();

        using var response = await client.GetAsync("/api/health");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("{\"status\":\"Healthy\"}", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task WithoutKeys_NonLoopbackClient_Is401Problem()
    {
        using var app = ServerApp.Create(remoteAddress: Remote);
        using var client = app.CreateApiClient();

        using var response = await client.GetAsync(Api.Emails);

        await Api.AssertProblemAsync(response, 401);
    }

    [Fact]
    public async Task WithoutKeys_UnknownRemoteAddress_Is401Problem()
    {
        using var app = ServerApp.Create(leaveRemoteAddressUnset: true);
        using var client = app.CreateApiClient();

        using var response = await client.GetAsync(Api.Emails);

        await Api.AssertProblemAsync(response, 401);
    }

    [Theory]
    [InlineData("127.0.0.1")]
    [InlineData("127.45.0.9")]
    [InlineData("::1")]
    [InlineData("::ffff:127.0.0.1")]
    public async Task WithoutKeys_LoopbackClient_IsServed(string address)
    {
        using var app = ServerApp.Create(remoteAddress: IPAddress.Parse(address));
        using var client = app.CreateApiClient();

        using var response = await client.GetAsync(Api.Emails);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task WithoutKeys_AWarningIsLoggedOnceAtStartUp()
    {
        using var app = ServerApp.Create();
        using var client = app.CreateApiClient();
        using var first = await client.GetAsync(Api.Emails);
        using var second = await client.GetAsync(Api.Emails);

        var warnings = app.Logs.Where(l => l.EventId.Id == 2000).ToList();

        var warning = Assert.Single(warnings);
        Assert.Equal(LogLevel.Warning, warning.Level);
    }

    [Fact]
    public async Task WithKeys_NoStartUpWarning_AndKeysNeverAppearInLogs()
    {
        using var app = ServerApp.Create(remoteAddress: Remote, keys: [ServerApp.Key]);
        using var client = app.CreateApiClient();
        using var rejected = await client.GetAsync($"{Api.Emails}?code=wrong-{ServerApp.SecondKey}");
        using var accepted = await client.GetAsync($"{Api.Emails}?code={ServerApp.Key}");

        Assert.DoesNotContain(app.Logs, l => l.EventId.Id == 2000);
        Assert.DoesNotContain(app.Logs, l => l.Message.Contains(ServerApp.Key, StringComparison.Ordinal));
        Assert.DoesNotContain(app.Logs, l => l.Message.Contains(ServerApp.SecondKey, StringComparison.Ordinal));
    }

    [Fact]
    public async Task WithKeys_OpenApiDocumentIsServedWithAKey_AndDescribesEveryRoute()
    {
        using var app = ServerApp.Create(remoteAddress: Remote, keys: [ServerApp.Key]);
        using var client = app.CreateApiClient();

        using var response = await client.GetAsync($"/openapi/v1.json?code={ServerApp.Key}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var document = await Api.ReadJsonAsync(response);
        var paths = document.RootElement.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/emails", out var emails));
        Assert.True(emails.TryGetProperty("post", out var post));
        Assert.False(string.IsNullOrEmpty(post.GetProperty("summary").GetString()));
        var bodyTypes = post.GetProperty("requestBody").GetProperty("content");
        Assert.True(bodyTypes.TryGetProperty("application/json", out _));
        Assert.True(bodyTypes.TryGetProperty("message/rfc822", out _));
        Assert.True(emails.TryGetProperty("get", out _));
        Assert.True(paths.TryGetProperty("/api/emails/{id}", out _));
        Assert.True(paths.TryGetProperty("/api/emails/{id}/terminate", out _));
        Assert.True(paths.TryGetProperty("/api/health", out _));
    }
}
