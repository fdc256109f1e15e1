using System.Net;
using System.Text.Json;
using Mailstrom.Server.Tests.Infrastructure;

namespace Mailstrom.Server.Tests.Apis;

public sealed class ListEmailsTests : IDisposable
{
    private const string ContinuationHeader = "x-ms-continuation-token";
    private readonly ServerApp _app = ServerApp.Create();
    private readonly HttpClient _client;

    public ListEmailsTests() => _client = _app.CreateApiClient();

    public void Dispose()
    {
        _client.Dispose();
        _app.Dispose();
    }

    [Fact]
    public async Task List_PagesThroughEveryEmailNewestFirst_WithTheContinuationHeader()
    {
        var ids = new List<string>();
        for (var i = 0; i < 5; i++)
        {
            ids.Add(await _client.CreateEmailAsync($"Email {i}"));
        }

        var pages = await ListPagesAsync(_client, "/api/emails?top=2");

        Assert.All(pages, page => Assert.InRange(page.Ids.Length, 0, 2));
        var listed = pages.SelectMany(p => p.Ids).ToList();
        Assert.Equal(5, listed.Distinct().Count());
        Assert.Equal(Enumerable.Reverse(ids), listed);
    }

    [Fact]
    public async Task List_PageOverTheResponseBudget_HoldsFewerEmails_AndItsTokenContinuesRightAfterThem()
    {
        const int budget = 64 * 1024;
        using var app = ServerApp.Create(settings: new Dictionary<string, string?>
        {
            ["Mailstrom:Api:MaxListResponseBytes"] = budget.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });
        using var client = app.CreateApiClient();
        var ids = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            // About 50 KB each in the list: two never fit in one page.
            ids.Add(await client.CreateEmailAsync($"Wide {i}", [.. Enumerable.Range(0, 150).Select(r => $"recipient-{r:D3}@example.com")]));
        }

        var pages = await ListPagesAsync(client, "/api/emails?top=10");

        Assert.All(pages, page => Assert.InRange(page.Bytes, 1, budget));
        Assert.All(pages, page => Assert.Single(page.Ids));
        Assert.Equal(Enumerable.Reverse(ids), pages.SelectMany(p => p.Ids));
    }

    [Fact]
    public async Task List_ItemsHaveTheStatusShape()
    {
        var id = await _client.CreateEmailAsync("Listed");

        using var response = await _client.GetAsync("/api/emails");

        using var body = await Api.ReadJsonAsync(response);
        var item = Assert.Single(body.RootElement.EnumerateArray());
        Assert.Equal(
            ["name", "instanceId", "runtimeStatus", "input", "customStatus", "output", "createdTime", "lastUpdatedTime"],
            Api.PropertyNames(item));
        Assert.Equal(id, item.GetProperty("instanceId").GetString());
        Assert.False(response.Headers.Contains(ContinuationHeader));
    }

    [Fact]
    public async Task List_FiltersByRuntimeStatus()
    {
        var pending = await _client.CreateEmailAsync("Pending one");
        var terminated = await _client.CreateEmailAsync("Terminated one");
        using var terminate = await _client.PostAsync($"/api/emails/{terminated}/terminate", null);
        Assert.Equal(HttpStatusCode.Accepted, terminate.StatusCode);

        Assert.Equal([terminated], await ListIdsAsync("/api/emails?runtimeStatus=Terminated"));
        Assert.Equal([pending], await ListIdsAsync("/api/emails?runtimeStatus=Pending,Running"));
        Assert.Equal([terminated, pending], await ListIdsAsync("/api/emails?runtimeStatus=pending,terminated"));
        Assert.Empty(await ListIdsAsync("/api/emails?runtimeStatus=Completed"));
    }

    [Fact]
    public async Task List_FiltersByCreatedTime()
    {
        var id = await _client.CreateEmailAsync();
        var hourAgo = DateTimeOffset.UtcNow.AddHours(-1).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);
        var inAnHour = DateTimeOffset.UtcNow.AddHours(1).ToString("yyyy-MM-ddTHH:mm:ssZ", System.Globalization.CultureInfo.InvariantCulture);

        Assert.Equal([id], await ListIdsAsync($"/api/emails?createdTimeFrom={hourAgo}&createdTimeTo={inAnHour}"));
        Assert.Empty(await ListIdsAsync($"/api/emails?createdTimeFrom={inAnHour}"));
        Assert.Empty(await ListIdsAsync($"/api/emails?createdTimeTo={hourAgo}"));
        Assert.Equal([id], await ListIdsAsync("/api/emails?runtimeStatus=&createdTimeFrom=&createdTimeTo=&top="));
    }

    [Theory]
    [InlineData("runtimeStatus=Sleeping", "runtimeStatus")]
    [InlineData("runtimeStatus=Pending,1", "runtimeStatus")]
    [InlineData("createdTimeFrom=yesterday", "createdTimeFrom")]
    [InlineData("createdTimeTo=2026-13-45T00:00:00Z", "createdTimeTo")]
    [InlineData("createdTimeFrom=2026-11-24T00:00:00Z&createdTimeTo=2026-11-23T00:00:00Z", "createdTimeFrom")]
    [InlineData("top=0", "top")]
    [InlineData("top=1001", "top")]
    [InlineData("top=-1", "top")]
    [InlineData("top=ten", "top")]
    public async Task List_BadParameter_Is400ProblemNamingIt(string query, string parameter)
    {
        using var response = await _client.GetAsync($"/api/emails?{query}");

        await Api.AssertProblemAsync(response, 400, parameter);
    }

    [Fact]
    public async Task List_TopOf1000_IsAccepted()
    {
        using var response = await _client.GetAsync("/api/emails?top=1000");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task List_MalformedContinuationToken_Is400ProblemNamingTheHeader()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/emails");
        request.Headers.Add(ContinuationHeader, "definitely-not-a-token");

        using var response = await _client.SendAsync(request);

        await Api.AssertProblemAsync(response, 400, ContinuationHeader);
    }

    /// <summary>Every page of a listing, following the continuation header (at most 10 pages): the ids and the body's size.</summary>
    private static async Task<List<(string[] Ids, int Bytes)>> ListPagesAsync(HttpClient client, string url)
    {
        var pages = new List<(string[] Ids, int Bytes)>();
        string? token = null;
        do
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            if (token is not null)
            {
                request.Headers.Add(ContinuationHeader, token);
            }

            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var bytes = await response.Content.ReadAsByteArrayAsync();
            using var body = JsonDocument.Parse(bytes);
            Assert.Equal(JsonValueKind.Array, body.RootElement.ValueKind);
            pages.Add(([.. body.RootElement.EnumerateArray().Select(e => e.GetProperty("instanceId").GetString()!)], bytes.Length));
            token = response.Headers.TryGetValues(ContinuationHeader, out var values) ? values.Single() : null;
        }
        while (token is not null && pages.Count < 10);

        return pages;
    }

    private async Task<string[]> ListIdsAsync(string url)
    {
        using var response = await _client.GetAsync(url);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var body = await Api.ReadJsonAsync(response);
        return [.. body.RootElement.EnumerateArray().Select(e => e.GetProperty("instanceId").GetString()!)];
    }
}
