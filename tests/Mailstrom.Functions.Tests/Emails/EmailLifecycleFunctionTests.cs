using Mailstrom.Functions.Tests.Infrastructure;
using Mailstrom.Testing.Delivery;

namespace Mailstrom.Functions.Tests.Emails;

/// <summary><c>GET</c>, <c>terminate</c> and <c>DELETE</c> on one email, through the functions, over the task hub.</summary>
public sealed class EmailLifecycleFunctionTests : IAsyncLifetime
{
    private readonly ScriptedDeliveryAgent _agent = new ScriptedDeliveryAgent().Hold("slow.test");
    private FunctionsTestApp _app = null!;

    public async Task InitializeAsync() => _app = await FunctionsTestApp.StartAsync(_agent);

    public async Task DisposeAsync()
    {
        _agent.Release("slow.test");
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task Get_WhileRunning_Is202WithRetryAfter_ThenCompleted_Is200WithTheOutput()
    {
        var id = await _app.CreateAsync("Status", "r@slow.test");
        await _app.WaitUntilRunningAsync(id);

        var running = await _app.GetAsync(id);

        Assert.True(running.Status == StatusCodes.Status202Accepted, running.Body);
        Assert.Equal("5", running.Headers.RetryAfter.ToString());
        Assert.Equal($"https://{HttpExchange.Host}/api/emails/{id}", running.Headers.Location.ToString());
        Assert.Equal(["name", "instanceId", "runtimeStatus", "input", "customStatus", "output", "createdTime", "lastUpdatedTime"], running.PropertyNames);
        Assert.Equal("SendEmail", running.Json.GetProperty("name").GetString());
        Assert.Equal(id, running.Json.GetProperty("instanceId").GetString());
        Assert.Equal("Running", running.Json.GetProperty("runtimeStatus").GetString());
        Assert.Equal("Status", running.Json.GetProperty("input").GetProperty("subject").GetString());

        _agent.Release("slow.test");
        await _app.WaitUntilTerminalAsync(id);
        var completed = await _app.GetAsync(id);

        Assert.True(completed.Status == StatusCodes.Status200OK, completed.Body);
        Assert.False(completed.Headers.ContainsKey("Retry-After"));
        Assert.Equal("Completed", completed.Json.GetProperty("runtimeStatus").GetString());
        var recipient = Assert.Single(completed.Json.GetProperty("customStatus").GetProperty("recipients").EnumerateArray());
        Assert.Equal("r@slow.test", recipient.GetProperty("address").GetString());
        Assert.Equal("Delivered", recipient.GetProperty("status").GetString());
        Assert.Equal(1, completed.Json.GetProperty("output").GetProperty("delivered").GetInt32());
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef")]
    [InlineData("not-an-email-id")]
    public async Task Get_Unknown_Is404NamingTheId(string id)
    {
        var answer = await _app.GetAsync(id);

        answer.AssertProblem(StatusCodes.Status404NotFound, "id");
    }

    [Fact]
    public async Task Terminate_Running_Is202_TheRecipientIsCancelled_ThenAgainIs410()
    {
        var id = await _app.CreateAsync("Stop me", "r@slow.test");
        await _app.WaitUntilRunningAsync(id);

        var terminated = await TerminateAsync(id, "?reason=sent+by+mistake");

        Assert.True(terminated.Status == StatusCodes.Status202Accepted, terminated.Body);
        Assert.Equal($"https://{HttpExchange.Host}/api/emails/{id}", terminated.Headers.Location.ToString());
        var status = await _app.GetAsync(id);
        Assert.Equal(StatusCodes.Status200OK, status.Status);
        Assert.Equal("Terminated", status.Json.GetProperty("runtimeStatus").GetString());
        var recipient = Assert.Single(status.Json.GetProperty("customStatus").GetProperty("recipients").EnumerateArray());
        Assert.Equal("Cancelled", recipient.GetProperty("status").GetString());

        var again = await TerminateAsync(id, "");

        again.AssertProblem(StatusCodes.Status410Gone, "id");
    }

    [Fact]
    public async Task Terminate_Unknown_Is404_AndAnOverlongReasonIs400()
    {
        (await TerminateAsync("0123456789abcdef0123456789abcdef", "")).AssertProblem(StatusCodes.Status404NotFound, "id");
        (await TerminateAsync("0123456789abcdef0123456789abcdef", "?reason=" + new string('r', 1025))).AssertProblem(StatusCodes.Status400BadRequest, "reason");
    }

    [Fact]
    public async Task Purge_Is200WithTheCount_RemovesTheContent_ThenTheEmailIs404()
    {
        var id = await _app.CreateAsync("Purge me", "r@fast.test");
        await _app.WaitUntilTerminalAsync(id);
        Assert.Equal(1, _app.Content.Count);

        var purged = await PurgeAsync(id);

        Assert.True(purged.Status == StatusCodes.Status200OK, purged.Body);
        Assert.Equal(1, purged.Json.GetProperty("instancesDeleted").GetInt32());
        Assert.Equal(0, _app.Content.Count);
        Assert.Null(await _app.HostClient.GetInstanceAsync(id));
        (await _app.GetAsync(id)).AssertProblem(StatusCodes.Status404NotFound, "id");
        (await PurgeAsync(id)).AssertProblem(StatusCodes.Status404NotFound, "id");
    }

    private async Task<HttpAnswer> TerminateAsync(string id, string query)
    {
        var exchange = _app.Request("POST", $"/api/emails/{id}/terminate{query}");
        return await exchange.InvokeAsync(() => _app.Functions.TerminateEmail(exchange.Request, id, _app.Client, CancellationToken.None));
    }

    private async Task<HttpAnswer> PurgeAsync(string id)
    {
        var exchange = _app.Request("DELETE", $"/api/emails/{id}");
        return await exchange.InvokeAsync(() => _app.Functions.PurgeEmail(exchange.Request, id, _app.Client, CancellationToken.None));
    }
}
