using System.Globalization;
using System.Net;
using Mailstrom.Server.Tests.Infrastructure;

namespace Mailstrom.Server.Tests.Hostile;

/// <summary>The app the corpus runs against: small limits so that "too many" and "too large" are cheap to reach.</summary>
public sealed class HostileAppFixture : IDisposable
{
    public HostileAppFixture()
    {
        App = Create();
        Client = App.CreateApiClient();
    }

    public ServerApp App { get; }

    public HttpClient Client { get; }

    public static ServerApp Create() => ServerApp.Create(settings: new Dictionary<string, string?>
    {
        ["Mailstrom:Limits:MaxMessageBytes"] = HostileRequestCorpus.MaxMessageBytes.ToString(CultureInfo.InvariantCulture),
        ["Mailstrom:Limits:MaxRecipients"] = HostileRequestCorpus.MaxRecipients.ToString(CultureInfo.InvariantCulture),
    });

    public void Dispose()
    {
        Client.Dispose();
        App.Dispose();
    }
}

/// <summary>
/// Invariant 5 over the hostile corpus: every bad request gets a 4xx problem details naming the offending field,
/// nothing is stored, nothing is logged as an error, and the server keeps serving good requests afterwards.
/// </summary>
public sealed class HostileInputTests(HostileAppFixture fixture) : IClassFixture<HostileAppFixture>
{
    private const int Timeout = 60_000;

    [Fact]
    public void Corpus_HasAtLeastSixtyDistinctRows() =>
        Assert.InRange(HostileRequestCorpus.All.Count, 60, int.MaxValue);

    [Theory(Timeout = Timeout)]
    [MemberData(nameof(HostileRequestCorpus.Names), MemberType = typeof(HostileRequestCorpus))]
    public async Task Post_HostileRequest_Is4xxProblemNamingTheField_StoresNothing_LogsNoError(string name)
    {
        var row = HostileRequestCorpus.All[name];

        using var response = await HostileClient.PostAsync(fixture.Client, row.ContentType, row.Body, row.IdempotencyKey);

        var (error, field) = await HostileClient.CheckProblemAsync(response);
        Assert.Null(error);
        Assert.Equal(row.Status, (int)response.StatusCode);
        Assert.Equal(row.Field, field);
        Assert.Equal(0, await HostileClient.CountStoredAsync(fixture.Client));
        Assert.Empty(HostileClient.Errors(fixture.App));
    }

    [Fact(Timeout = Timeout)]
    public async Task AfterTheWholeCorpus_HealthIs200_AndGoodJsonAndRawMimeAreStillAccepted()
    {
        using var app = HostileAppFixture.Create();
        using var client = app.CreateApiClient();
        foreach (var row in HostileRequestCorpus.All.Values)
        {
            using var refused = await HostileClient.PostAsync(client, row.ContentType, row.Body, row.IdempotencyKey);
            Assert.Equal(row.Status, (int)refused.StatusCode);
        }

        Assert.Equal(0, await HostileClient.CountStoredAsync(client));
        using var health = await client.GetAsync("/api/health");
        using var json = await client.PostJsonAsync(Api.Json("Still healthy"));
        using var raw = await client.PostRfc822Async(Api.Rfc822("Still healthy raw"));

        Assert.Equal(HttpStatusCode.OK, health.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, json.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, raw.StatusCode);
        Assert.Equal(2, await HostileClient.CountStoredAsync(client));
        Assert.Empty(HostileClient.Errors(app));
    }
}
