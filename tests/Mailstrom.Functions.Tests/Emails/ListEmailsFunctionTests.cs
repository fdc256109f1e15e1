using Mailstrom.Functions.Tests.Infrastructure;
using Mailstrom.Testing.Delivery;

namespace Mailstrom.Functions.Tests.Emails;

public sealed class ListEmailsFunctionTests : IAsyncLifetime
{
    private const string ContinuationHeader = "x-ms-continuation-token";
    private readonly ScriptedDeliveryAgent _agent = new ScriptedDeliveryAgent().Hold("slow.test");
    private FunctionsTestApp _app = null!;

    public async Task InitializeAsync() => _app = await FunctionsTestApp.StartAsync(_agent);

    public async Task DisposeAsync()
    {
        _agent.Release("slow.test");
        await _app.DisposeAsync();
    }

    [Fact]
    public async Task List_FilteredByRuntimeStatus_PagesWithTheContinuationHeader()
    {
        var completed = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var id = await _app.CreateAsync($"Done {i}", $"r{i}@fast.test");
            await _app.WaitUntilTerminalAsync(id);
            completed.Add(id);
        }

        var running = await _app.CreateAsync("Still going", "r@slow.test");
        await _app.WaitUntilRunningAsync(running);

        var first = await ListAsync("?runtimeStatus=Completed&top=2");
        Assert.True(first.Status == StatusCodes.Status200OK, first.Body);
        var token = first.Headers[ContinuationHeader].ToString();
        Assert.False(string.IsNullOrEmpty(token), "the first page of three emails, two per page, has no continuation token");
        var second = await ListAsync("?runtimeStatus=Completed&top=2", token);
        Assert.True(second.Status == StatusCodes.Status200OK, second.Body);

        var listed = Ids(first).Concat(Ids(second)).ToList();
        Assert.Equal(2, Ids(first).Count);
        Assert.Equal(completed.Order(StringComparer.Ordinal), listed.Order(StringComparer.Ordinal));
        Assert.All(first.Json.EnumerateArray().Concat(second.Json.EnumerateArray()),
            e => Assert.Equal("Completed", e.GetProperty("runtimeStatus").GetString()));

        var runningOnly = await ListAsync("?runtimeStatus=Pending,Running");
        Assert.Equal([running], Ids(runningOnly));
        Assert.False(runningOnly.Headers.ContainsKey(ContinuationHeader));
    }

    [Theory]
    [InlineData("?runtimeStatus=Sleeping", "runtimeStatus")]
    [InlineData("?top=0", "top")]
    [InlineData("?createdTimeFrom=yesterday", "createdTimeFrom")]
    public async Task List_WithABadParameter_Is400NamingIt(string query, string field)
    {
        (await ListAsync(query)).AssertProblem(StatusCodes.Status400BadRequest, field);
    }

    [Fact]
    public async Task List_WithAForeignContinuationToken_Is400NamingTheHeader()
    {
        (await ListAsync("", "not-a-token")).AssertProblem(StatusCodes.Status400BadRequest, ContinuationHeader);
    }

    private static List<string> Ids(HttpAnswer page) => [.. page.Json.EnumerateArray().Select(e => e.GetProperty("instanceId").GetString()!)];

    private async Task<HttpAnswer> ListAsync(string query, string? continuationToken = null)
    {
        var exchange = _app.Request("GET", "/api/emails" + query);
        if (continuationToken is not null)
        {
            exchange.WithHeader(ContinuationHeader, continuationToken);
        }

        return await exchange.InvokeAsync(() => _app.Functions.ListEmails(exchange.Request, _app.Client, CancellationToken.None));
    }
}
