using System.Net;
using System.Text.Json;
using Mailstrom.Server.Tests.Infrastructure;
using Mailstrom.Suppression;
using Microsoft.Extensions.DependencyInjection;

namespace Mailstrom.Server.Tests.Apis;

public sealed class SuppressionsApiTests : IDisposable
{
    private const string ContinuationHeader = "x-ms-continuation-token";
    private static readonly DateTimeOffset T0 = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly ServerApp _app = ServerApp.Create(keys: [ServerApp.Key]);
    private readonly HttpClient _client;

    public SuppressionsApiTests() => _client = _app.CreateApiClient();

    public void Dispose()
    {
        _client.Dispose();
        _app.Dispose();
    }

    private Task SeedAsync(params string[] addresses) => _app.Services.GetRequiredService<ISuppressionList>().AddAsync(
        [.. addresses.Select(a => new SuppressionEntry(a, 550, "5.1.1", "No such user", T0, "email-1"))], CancellationToken.None);

    private static HttpRequestMessage Request(HttpMethod method, string path, string? key = ServerApp.Key, string? token = null)
    {
        var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (key is not null)
        {
            request.Headers.Add("x-functions-key", key);
        }

        if (token is not null)
        {
            request.Headers.Add(ContinuationHeader, token);
        }

        return request;
    }

    [Fact]
    public async Task List_ShowsEachEntryInTheDocumentedShape()
    {
        await SeedAsync("someone@reject.example");

        using var response = await _client.SendAsync(Request(HttpMethod.Get, "/api/suppressions"));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains(ContinuationHeader));
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var entry = Assert.Single(json.RootElement.EnumerateArray());
        Assert.Equal("someone@reject.example", entry.GetProperty("address").GetString());
        Assert.Equal(550, entry.GetProperty("smtpCode").GetInt32());
        Assert.Equal("5.1.1", entry.GetProperty("enhancedStatusCode").GetString());
        Assert.Equal("No such user", entry.GetProperty("response").GetString());
        Assert.Equal("2026-03-01T12:00:00Z", entry.GetProperty("suppressedTime").GetString());
        Assert.Equal("email-1", entry.GetProperty("emailId").GetString());
    }

    [Fact]
    public async Task List_PagesWithLimitAndTheContinuationHeader()
    {
        var addresses = Enumerable.Range(0, 5).Select(i => $"user{i}@example.com").ToArray();
        await SeedAsync(addresses);

        var seen = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            using var response = await _client.SendAsync(Request(HttpMethod.Get, "/api/suppressions?limit=2", token: token));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.InRange(json.RootElement.GetArrayLength(), 1, 2);
            seen.AddRange(json.RootElement.EnumerateArray().Select(e => e.GetProperty("address").GetString()!));
            token = response.Headers.TryGetValues(ContinuationHeader, out var values) ? values.Single() : null;
            pages++;
        }
        while (token is not null && pages < 10);

        Assert.Equal(3, pages);
        Assert.Equal(addresses, seen);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("1001")]
    [InlineData("ten")]
    public async Task List_BadLimit_Is400NamingIt(string limit)
    {
        using var response = await _client.SendAsync(Request(HttpMethod.Get, $"/api/suppressions?limit={limit}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("limit", json.RootElement.GetProperty("field").GetString());
    }

    [Fact]
    public async Task List_ForeignContinuationToken_Is400()
    {
        using var response = await _client.SendAsync(Request(HttpMethod.Get, "/api/suppressions", token: "s1.MTIzfGFiYw"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [Fact]
    public async Task Delete_ListedAddress_Is204_ThenItIsGoneAnd404()
    {
        await SeedAsync("someone@reject.example", "other@reject.example");

        using (var removed = await _client.SendAsync(Request(HttpMethod.Delete, "/api/suppressions/someone@Reject.Example")))
        {
            Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        }

        using (var again = await _client.SendAsync(Request(HttpMethod.Delete, "/api/suppressions/someone@reject.example")))
        {
            Assert.Equal(HttpStatusCode.NotFound, again.StatusCode);
            using var json = JsonDocument.Parse(await again.Content.ReadAsStringAsync());
            Assert.Equal("address", json.RootElement.GetProperty("field").GetString());
        }

        var left = await _app.Services.GetRequiredService<ISuppressionList>().ListAsync(new SuppressionQuery(), CancellationToken.None);
        Assert.Equal("other@reject.example", Assert.Single(left.Items).Address);
    }

    [Theory]
    [InlineData("no-at-sign")]
    [InlineData("user@")]
    [InlineData("%40example.com")]
    [InlineData("us%20er@example.com")]
    public async Task Delete_MalformedAddress_Is400NamingIt(string address)
    {
        using var response = await _client.SendAsync(Request(HttpMethod.Delete, $"/api/suppressions/{address}"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal("address", json.RootElement.GetProperty("field").GetString());
    }

    [Theory]
    [InlineData("GET", "/api/suppressions", null)]
    [InlineData("GET", "/api/suppressions", "wrong-key")]
    [InlineData("DELETE", "/api/suppressions/someone@reject.example", null)]
    [InlineData("DELETE", "/api/suppressions/someone@reject.example", "wrong-key")]
    public async Task EveryRoute_WithoutAValidKey_Is401(string method, string path, string? key)
    {
        await SeedAsync("someone@reject.example");

        using var response = await _client.SendAsync(Request(new HttpMethod(method), path, key));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Single((await _app.Services.GetRequiredService<ISuppressionList>().ListAsync(new SuppressionQuery(), CancellationToken.None)).Items);
    }
}
