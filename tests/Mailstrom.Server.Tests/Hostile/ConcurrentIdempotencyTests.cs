using System.Net;
using Mailstrom.Server.Tests.Infrastructure;

namespace Mailstrom.Server.Tests.Hostile;

/// <summary>Racing submissions with one Idempotency-Key and one body create exactly one email.</summary>
public sealed class ConcurrentIdempotencyTests
{
    private const int Timeout = 60_000;

    [Theory(Timeout = Timeout)]
    [InlineData("application/json", 32)]
    [InlineData("message/rfc822", 32)]
    public async Task ConcurrentSubmissions_SameKeyAndBody_AllGet202WithOneId_AndOneEmailIsStored(string contentType, int submissions)
    {
        using var app = ServerApp.Create();
        using var client = app.CreateApiClient();
        var body = System.Text.Encoding.UTF8.GetBytes(contentType == "application/json" ? Api.Json("Raced") : Api.Rfc822("Raced"));
        var key = "race-" + Guid.NewGuid().ToString("N");
        using var start = new SemaphoreSlim(0);

        var racers = Enumerable.Range(0, submissions).Select(async _ =>
        {
            await start.WaitAsync();
            using var response = await HostileClient.PostAsync(client, contentType, body, key);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            using var created = await Api.ReadJsonAsync(response);
            return created.RootElement.GetProperty("id").GetString()!;
        }).ToList();
        start.Release(submissions);
        var ids = await Task.WhenAll(racers);

        Assert.Single(ids.Distinct());
        Assert.Equal(1, await HostileClient.CountStoredAsync(client));
        Assert.Empty(HostileClient.Errors(app));
    }
}
