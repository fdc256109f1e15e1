using System.Text;
using Mailstrom.Functions.Tests.Infrastructure;
using Mailstrom.Http.Links;
using Microsoft.Extensions.DependencyInjection;

namespace Mailstrom.Functions.Tests.Emails;

public sealed class CreateEmailFunctionTests : IAsyncLifetime
{
    private FunctionsTestApp _app = null!;

    public async Task InitializeAsync() => _app = await FunctionsTestApp.StartAsync();

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Json_Is202_WithTheAppsUrlsLocationAndRetryAfter_AndDurablesUrlsWithTheSystemKey()
    {
        var exchange = _app.JsonRequest("POST", "/api/emails", FunctionsTestApp.Email("Hello", "alice@example.com", "bob@example.org"));

        var answer = await exchange.InvokeAsync(() => _app.Functions.CreateEmail(exchange.Request, _app.Client, CancellationToken.None));

        Assert.True(answer.Status == StatusCodes.Status202Accepted, answer.Body);
        Assert.Equal(["id", "statusQueryGetUri", "terminatePostUri", "purgeHistoryDeleteUri", "durable"], answer.PropertyNames);
        var body = answer.Json;
        var id = body.GetProperty("id").GetString()!;
        Assert.Matches("^[0-9a-f]{32}$", id);

        // The app's own URLs, exactly as the server answers them; Location points at the app's status route.
        var status = $"https://{HttpExchange.Host}/api/emails/{id}";
        Assert.Equal(status, body.GetProperty("statusQueryGetUri").GetString());
        Assert.Equal(status + "/terminate?reason={text}", body.GetProperty("terminatePostUri").GetString());
        Assert.Equal(status, body.GetProperty("purgeHistoryDeleteUri").GetString());
        Assert.Equal(status, answer.Headers.Location.ToString());
        Assert.Equal("10", answer.Headers.RetryAfter.ToString());

        // Durable's built-in URLs of the same instance, on the host's webhook with the binding's query string.
        var durable = body.GetProperty("durable");
        var instance = $"{BindingClient.WebhookBaseUrl}/instances/{id}";
        Assert.Equal(id, durable.GetProperty("id").GetString());
        Assert.Equal($"{instance}?{BindingClient.WebhookQuery}", durable.GetProperty("statusQueryGetUri").GetString());
        Assert.Equal($"{instance}/raiseEvent/{{eventName}}?{BindingClient.WebhookQuery}", durable.GetProperty("sendEventPostUri").GetString());
        Assert.Equal($"{instance}/terminate?reason={{text}}&{BindingClient.WebhookQuery}", durable.GetProperty("terminatePostUri").GetString());
        Assert.Equal($"{instance}?{BindingClient.WebhookQuery}", durable.GetProperty("purgeHistoryDeleteUri").GetString());
        Assert.DoesNotContain("SYSTEM-KEY", answer.Headers.Location.ToString(), StringComparison.Ordinal);

        // Accepted means scheduled: the instance runs to the end and both recipients are delivered.
        await _app.WaitUntilTerminalAsync(id);
        Assert.Equal(["alice@example.com", "bob@example.org"], _app.Agent.Calls.SelectMany(c => c.Recipients).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task WithAPublicBaseUrl_TheAppsUrlsStartWithIt_NotWithTheRequestsHost()
    {
        await using var app = await FunctionsTestApp.StartAsync(
            services: s => s.Configure<PublicUrlOptions>(o => o.PublicBaseUrl = "https://mail.example.com/mailstrom/"));
        var exchange = app.JsonRequest("POST", "/api/emails", FunctionsTestApp.Email("Hello", "alice@example.com"));

        var answer = await exchange.InvokeAsync(() => app.Functions.CreateEmail(exchange.Request, app.Client, CancellationToken.None));

        Assert.True(answer.Status == StatusCodes.Status202Accepted, answer.Body);
        var status = $"https://mail.example.com/mailstrom/api/emails/{answer.Json.GetProperty("id").GetString()}";
        Assert.Equal(status, answer.Headers.Location.ToString());
        Assert.Equal(status, answer.Json.GetProperty("statusQueryGetUri").GetString());
        Assert.DoesNotContain(HttpExchange.Host, answer.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("evil.example")]
    [InlineData("")]
    public async Task AHostNotAllowed_Is400NamingHost_EvenWithoutTheMiddleware_AndStartsNothing(string host)
    {
        var exchange = _app.JsonRequest("POST", "/api/emails", FunctionsTestApp.Email("Hello", "alice@example.com"));
        exchange.Request.Host = new HostString(host);

        var answer = await exchange.InvokeAsync(() => _app.Functions.CreateEmail(exchange.Request, _app.Client, CancellationToken.None));

        answer.AssertProblem(StatusCodes.Status400BadRequest, "Host");
        Assert.DoesNotContain("evil", answer.Body, StringComparison.Ordinal);
        Assert.Empty(await _app.HostClient.GetAllInstancesAsync().ToListAsync());
    }

    [Fact]
    public async Task Rfc822_Is202_WithRecipientsFromTheHeaders()
    {
        const string Message = "From: sender@example.com\r\nTo: alice@example.com, carol@example.net\r\nSubject: Raw hello\r\n" +
            "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\n\r\nHello from raw MIME.\r\n";
        var exchange = _app.Request("POST", "/api/emails", "message/rfc822", Encoding.ASCII.GetBytes(Message));

        var answer = await exchange.InvokeAsync(() => _app.Functions.CreateEmail(exchange.Request, _app.Client, CancellationToken.None));

        Assert.True(answer.Status == StatusCodes.Status202Accepted, answer.Body);
        var id = answer.Json.GetProperty("id").GetString()!;
        var status = (await _app.GetAsync(id)).Json;
        Assert.Equal("Raw hello", status.GetProperty("input").GetProperty("subject").GetString());
        Assert.Equal(2, status.GetProperty("input").GetProperty("recipientCount").GetInt32());
    }

    [Theory]
    [InlineData("this is not JSON", "body")]
    [InlineData("{\"from\":\"sender@example.com\",\"to\":[\"alice@example.com\"", "to[1]")]
    [InlineData("{\"from\":\"sender@example.com\",\"to\":[\"alice@example.com\", 42]}", "to[1]")]
    [InlineData("{\"from\":\"sender@example.com\",\"to\":[\"alice@example.com\",\"not an address\"],\"text\":\"x\"}", "to[1]")]
    [InlineData("{\"from\":\"sender@example.com\",\"to\":[\"alice@example.com\"],\"colour\":\"red\"}", "colour")]
    public async Task InvalidJson_Is400ProblemNamingTheField_AndSchedulesNothing(string json, string field)
    {
        var exchange = _app.JsonRequest("POST", "/api/emails", json);

        var answer = await exchange.InvokeAsync(() => _app.Functions.CreateEmail(exchange.Request, _app.Client, CancellationToken.None));

        answer.AssertProblem(StatusCodes.Status400BadRequest, field);
        Assert.Empty(await _app.HostClient.GetAllInstancesAsync().ToListAsync());
        Assert.Equal(0, _app.Content.Count);
    }

    [Fact]
    public async Task OtherContentType_Is415NamingContentType()
    {
        var exchange = _app.Request("POST", "/api/emails", "text/plain", Encoding.UTF8.GetBytes("hello"));

        var answer = await exchange.InvokeAsync(() => _app.Functions.CreateEmail(exchange.Request, _app.Client, CancellationToken.None));

        answer.AssertProblem(StatusCodes.Status415UnsupportedMediaType, "Content-Type");
    }

    [Fact]
    public async Task BodyOverTheLimit_Is413NamingTheBody()
    {
        // Mailstrom:Limits:MaxMessageBytes is 64 KiB here: a JSON body may be 4/3 of it plus 64 KiB.
        var text = new string('x', 200_000);
        var exchange = _app.JsonRequest("POST", "/api/emails", FunctionsTestApp.Email("Big").Replace("Hi there.", text, StringComparison.Ordinal));

        var answer = await exchange.InvokeAsync(() => _app.Functions.CreateEmail(exchange.Request, _app.Client, CancellationToken.None));

        answer.AssertProblem(StatusCodes.Status413PayloadTooLarge, "body");
        Assert.Equal(0, _app.Content.Count);
    }

    [Fact]
    public async Task SameIdempotencyKeyAndBody_Is202WithTheSameId_DifferentBodyIs409()
    {
        var first = await CreateWithKeyAsync("order-1234", FunctionsTestApp.Email("Receipt"));
        var again = await CreateWithKeyAsync("order-1234", FunctionsTestApp.Email("Receipt"));
        var other = await CreateWithKeyAsync("order-1234", FunctionsTestApp.Email("Another receipt"));

        Assert.Equal(StatusCodes.Status202Accepted, first.Status);
        Assert.Equal(StatusCodes.Status202Accepted, again.Status);
        var id = first.Json.GetProperty("id").GetString();
        Assert.Equal(id, again.Json.GetProperty("id").GetString());
        Assert.Equal(first.Headers.Location.ToString(), again.Headers.Location.ToString());
        other.AssertProblem(StatusCodes.Status409Conflict, "Idempotency-Key");
        Assert.Single(await _app.HostClient.GetAllInstancesAsync().ToListAsync());
    }

    [Fact]
    public async Task InvalidIdempotencyKey_Is400NamingTheHeader()
    {
        var answer = await CreateWithKeyAsync("two words", FunctionsTestApp.Email());

        answer.AssertProblem(StatusCodes.Status400BadRequest, "Idempotency-Key");
    }

    private async Task<HttpAnswer> CreateWithKeyAsync(string key, string json)
    {
        var exchange = _app.JsonRequest("POST", "/api/emails", json).WithHeader("Idempotency-Key", key);
        return await exchange.InvokeAsync(() => _app.Functions.CreateEmail(exchange.Request, _app.Client, CancellationToken.None));
    }
}
