using System.Net;
using System.Text;
using Mailstrom.Server.Tests.Infrastructure;

namespace Mailstrom.Server.Tests.Apis;

public sealed class CreateEmailTests : IDisposable
{
    private readonly ServerApp _app = ServerApp.Create();
    private readonly HttpClient _client;

    public CreateEmailTests() => _client = _app.CreateApiClient();

    public void Dispose()
    {
        _client.Dispose();
        _app.Dispose();
    }

    [Fact]
    public async Task PostJson_Accepts_With202LocationRetryAfterAndAbsoluteManagementUrls()
    {
        using var response = await _client.PostJsonAsync(Api.Json());

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        using var body = await Api.ReadJsonAsync(response);
        var root = body.RootElement;
        Assert.Equal(["id", "statusQueryGetUri", "terminatePostUri", "purgeHistoryDeleteUri"], Api.PropertyNames(root));
        var id = root.GetProperty("id").GetString()!;
        Assert.Matches("^[0-9a-f]{32}$", id);
        var status = $"http://localhost/api/emails/{id}";
        Assert.Equal(status, root.GetProperty("statusQueryGetUri").GetString());
        Assert.Equal(status + "/terminate?reason={text}", root.GetProperty("terminatePostUri").GetString());
        Assert.Equal(status, root.GetProperty("purgeHistoryDeleteUri").GetString());
        Assert.Equal(new Uri(status), response.Headers.Location);
        Assert.Equal(TimeSpan.FromSeconds(10), response.Headers.RetryAfter?.Delta);
    }

    [Fact]
    public async Task PostJson_StoresTheEmailBefore202_SoItsStatusIsReadableAtOnce()
    {
        var id = await _client.CreateEmailAsync("Stored", "one@example.com");

        using var status = await _client.GetAsync($"/api/emails/{id}");

        Assert.Equal(HttpStatusCode.Accepted, status.StatusCode);
        using var body = await Api.ReadJsonAsync(status);
        Assert.Equal("Stored", body.RootElement.GetProperty("input").GetProperty("subject").GetString());
        Assert.True(File.Exists(_app.DatabasePath), "the email must be stored in the configured SQLite file");
    }

    [Fact]
    public async Task PostRfc822_AcceptsRawMime_WithRecipientsFromItsHeaders()
    {
        using var response = await _client.PostRfc822Async(Api.Rfc822("Raw subject"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(10), response.Headers.RetryAfter?.Delta);
        using var created = await Api.ReadJsonAsync(response);
        var id = created.RootElement.GetProperty("id").GetString()!;
        Assert.Equal(new Uri($"http://localhost/api/emails/{id}"), response.Headers.Location);

        using var status = await _client.GetAsync($"/api/emails/{id}");
        using var body = await Api.ReadJsonAsync(status);
        var input = body.RootElement.GetProperty("input");
        Assert.Equal("Raw subject", input.GetProperty("subject").GetString());
        Assert.Equal(2, input.GetProperty("recipientCount").GetInt32());
    }

    [Fact]
    public async Task PostJson_UsesTheRequestHostInUrls_WhenAllowed()
    {
        using var app = ServerApp.Create(settings: new Dictionary<string, string?> { ["AllowedHosts"] = "mail.example.test" });
        using var client = app.CreateApiClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://mail.example.test:8080/api/emails")
        {
            Content = Api.JsonContent(Api.Json()),
        };

        using var response = await client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.StartsWith("http://mail.example.test:8080/api/emails/", response.Headers.Location!.ToString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("text/plain")]
    [InlineData("application/xml")]
    [InlineData("application/json; charset=utf-16")]
    public async Task Post_OtherContentType_Is415Problem(string contentType)
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(Api.Json()));
        content.Headers.TryAddWithoutValidation("Content-Type", contentType);

        using var response = await _client.PostAsync(Api.Emails, content);

        await Api.AssertProblemAsync(response, 415, "Content-Type");
    }

    [Fact]
    public async Task Post_WithoutContentType_Is415Problem()
    {
        using var content = new ByteArrayContent(Encoding.UTF8.GetBytes(Api.Json()));

        using var response = await _client.PostAsync(Api.Emails, content);

        await Api.AssertProblemAsync(response, 415, "Content-Type");
    }

    [Theory]
    [InlineData("{\"from\":\"a@example.com\",\"to\":[\"b@example.com\", 3]}", "to[1]")]
    [InlineData("{\"from\":\"a@example.com\",\"to\":[\"b@example.com\"]", "body")]
    [InlineData("{\"from\":\"a@example.com\",\"to\":[\"b@example.com\"]} trailing", "body")]
    [InlineData("{\"from\":\"a@example.com\",\"to\":[\"b@example.com\"],\"attachments\":[{\"fileName\":\"a.txt\",\"content\":5}]}", "attachments[0].content")]
    [InlineData("{\"from\":\"a@example.com\",\"to\":[\"b@example.com\"],\"headers\":{\"X-Tag\":1}}", "headers.X-Tag")]
    [InlineData("{\"from\":\"a@example.com\",\"to\":[\"b@example.com\"],\"subjekt\":\"typo\"}", "subjekt")]
    [InlineData("{\"from\":\"a@example.com\",\"to\":[\"b@example.com\"],\"TO\":[\"c@example.com\"]}", "TO")]
    [InlineData("[]", "body")]
    [InlineData("null", "body")]
    [InlineData("", "body")]
    public async Task PostJson_Malformed_Is400ProblemNamingThePath(string json, string field)
    {
        using var response = await _client.PostJsonAsync(json);

        await Api.AssertProblemAsync(response, 400, field);
    }

    [Fact]
    public async Task PostJson_PropertyNamesAreCaseInsensitive()
    {
        using var response = await _client.PostJsonAsync("{\"From\":\"a@example.com\",\"TO\":[\"b@example.com\"],\"Subject\":\"Caps\"}");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task PostJson_BadAddress_Is400ProblemNamingTheField_AndStoresNothing()
    {
        using var response = await _client.PostJsonAsync(
            "{\"from\":\"a@example.com\",\"to\":[\"b@example.com\",\"not an address\"],\"text\":\"x\"}");

        var problem = await Api.AssertProblemAsync(response, 400, "to[1]");
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("detail").GetString()));
        using var list = await _client.GetAsync(Api.Emails);
        using var body = await Api.ReadJsonAsync(list);
        Assert.Equal(0, body.RootElement.GetArrayLength());
    }

    [Fact]
    public async Task PostJson_MissingFrom_Is400ProblemNamingFrom()
    {
        using var response = await _client.PostJsonAsync("{\"to\":[\"b@example.com\"],\"text\":\"x\"}");

        await Api.AssertProblemAsync(response, 400, "from");
    }

    [Fact]
    public async Task PostJson_InvalidBase64Attachment_Is400ProblemNamingTheAttachment()
    {
        using var response = await _client.PostJsonAsync(
            "{\"from\":\"a@example.com\",\"to\":[\"b@example.com\"],\"attachments\":[{\"fileName\":\"a.bin\",\"content\":\"***\"}]}");

        var problem = await Api.AssertProblemAsync(response, 400);
        Assert.StartsWith("attachments[0]", problem.GetProperty("field").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostRfc822_WithoutRecipients_Is400Problem()
    {
        using var response = await _client.PostRfc822Async("From: sender@example.com\r\nSubject: none\r\n\r\nBody\r\n");

        var problem = await Api.AssertProblemAsync(response, 400);
        Assert.False(string.IsNullOrEmpty(problem.GetProperty("field").GetString()));
    }

    [Fact]
    public async Task PostRfc822_EmptyBody_Is400ProblemNamingBody()
    {
        using var response = await _client.PostRfc822Async(string.Empty);

        await Api.AssertProblemAsync(response, 400, "body");
    }
}
