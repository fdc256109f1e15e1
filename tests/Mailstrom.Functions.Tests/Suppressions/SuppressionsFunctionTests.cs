using System.Reflection;
using Mailstrom.Functions.Suppressions;
using Mailstrom.Functions.Tests.Infrastructure;
using Mailstrom.Suppression;
using Mailstrom.Testing.Delivery;
using Microsoft.Azure.Functions.Worker;

namespace Mailstrom.Functions.Tests.Suppressions;

public sealed class SuppressionsFunctionTests : IAsyncLifetime
{
    private const string ContinuationHeader = "x-ms-continuation-token";
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly ScriptedDeliveryAgent _agent = new ScriptedDeliveryAgent().On("reject.test", (_, _) => ScriptedDeliveryAgent.Rejected);
    private FunctionsTestApp _app = null!;

    public async Task InitializeAsync() => _app = await FunctionsTestApp.StartAsync(_agent);

    public async Task DisposeAsync() => await _app.DisposeAsync();

    private Task SeedAsync(params string[] addresses) => _app.Suppressions.AddAsync(
        [.. addresses.Select(a => new SuppressionEntry(a, 550, "5.1.1", "No such user", T0, "email-1"))], CancellationToken.None);

    private async Task<HttpAnswer> ListAsync(string query, string? token = null)
    {
        var exchange = _app.Request("GET", "/api/suppressions" + query);
        if (token is not null)
        {
            exchange.WithHeader(ContinuationHeader, token);
        }

        return await exchange.InvokeAsync(() => _app.SuppressionFunctions.ListSuppressions(exchange.Request, _app.Client, CancellationToken.None));
    }

    private async Task<HttpAnswer> DeleteAsync(string address)
    {
        var exchange = _app.Request("DELETE", "/api/suppressions/" + address);
        return await exchange.InvokeAsync(() => _app.SuppressionFunctions.RemoveSuppression(exchange.Request, address, _app.Client, CancellationToken.None));
    }

    [Fact]
    public async Task RejectedRecipient_IsListed_InTheSameShapeAsTheServer()
    {
        var id = await _app.CreateAsync("Rejected", "someone@reject.test");
        await _app.WaitUntilTerminalAsync(id);

        var page = await ListAsync("");

        Assert.True(page.Status == StatusCodes.Status200OK, page.Body);
        var entry = Assert.Single(page.Json.EnumerateArray());
        Assert.Equal(["address", "smtpCode", "enhancedStatusCode", "response", "suppressedTime", "emailId"], entry.EnumerateObject().Select(p => p.Name));
        Assert.Equal("someone@reject.test", entry.GetProperty("address").GetString());
        Assert.Equal("5.1.1", entry.GetProperty("enhancedStatusCode").GetString());
        Assert.Equal(id, entry.GetProperty("emailId").GetString());
    }

    [Fact]
    public async Task List_PagesWithLimitAndTheContinuationHeader()
    {
        await SeedAsync("a@example.com", "b@example.com", "c@example.com");

        var first = await ListAsync("?limit=2");
        var token = first.Headers[ContinuationHeader].ToString();
        var second = await ListAsync("?limit=2", token);

        Assert.Equal(2, first.Json.GetArrayLength());
        Assert.False(string.IsNullOrEmpty(token));
        Assert.Equal(["c@example.com"], second.Json.EnumerateArray().Select(e => e.GetProperty("address").GetString()));
        Assert.False(second.Headers.ContainsKey(ContinuationHeader));
    }

    [Fact]
    public async Task List_BadLimitOrToken_Is400()
    {
        (await ListAsync("?limit=0")).AssertProblem(StatusCodes.Status400BadRequest, "limit");
        (await ListAsync("", "not-a-token")).AssertProblem(StatusCodes.Status400BadRequest, ContinuationHeader);
    }

    [Fact]
    public async Task Delete_Is204ThenAbsent404_AndMalformed400()
    {
        await SeedAsync("someone@reject.test");

        Assert.Equal(StatusCodes.Status204NoContent, (await DeleteAsync("someone@REJECT.test")).Status);
        (await DeleteAsync("someone@reject.test")).AssertProblem(StatusCodes.Status404NotFound, "address");
        (await DeleteAsync("not-an-address")).AssertProblem(StatusCodes.Status400BadRequest, "address");
        Assert.Empty(_app.Suppressions.Entries);
    }

    [Theory]
    [InlineData(nameof(SuppressionsFunctions.ListSuppressions), "suppressions", "get")]
    [InlineData(nameof(SuppressionsFunctions.RemoveSuppression), "suppressions/{address}", "delete")]
    public void EveryFunction_NeedsAFunctionKey_OnItsRoute(string name, string route, string method)
    {
        var function = typeof(SuppressionsFunctions).GetMethod(name)!;
        var trigger = function.GetParameters().Select(p => p.GetCustomAttribute<HttpTriggerAttribute>()).OfType<HttpTriggerAttribute>().Single();

        Assert.Equal(name, function.GetCustomAttribute<FunctionAttribute>()!.Name);
        Assert.Equal(AuthorizationLevel.Function, trigger.AuthLevel);
        Assert.Equal(route, trigger.Route);
        Assert.Equal([method], trigger.Methods ?? []);
    }
}
