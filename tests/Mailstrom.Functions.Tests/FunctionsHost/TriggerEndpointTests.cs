using System.Net;
using Mailstrom.Functions.Tests.Infrastructure;

namespace Mailstrom.Functions.Tests.FunctionsHost;

public sealed class TriggerEndpointTests
{
    [Theory]
    [InlineData("/deliver")]
    [InlineData("/sweep")]
    public async Task SelfHosted_TheHostsInvocationRoutesDoNotExist(string path)
    {
        await using var app = FunctionsApp.Create(keys: [FunctionsApp.Key]);
        using var client = app.CreateClient();

        using var response = await client.PostAsync(new Uri(path, UriKind.Relative), Api.JsonContent("""{ "Data": {}, "Metadata": {} }"""));

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task AsCustomHandler_OnSqlite_DeliverSaysItNeedsAzureStorage()
    {
        await using var app = FunctionsApp.Create(settings: new Dictionary<string, string?> { ["FUNCTIONS_CUSTOMHANDLER_PORT"] = "7099" });
        using var client = app.CreateClient();

        using var response = await client.PostAsync(new Uri("/deliver", UriKind.Relative), Api.JsonContent("""{ "Data": { "message": "x|0" }, "Metadata": {} }"""));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        using var body = await Api.ReadJsonAsync(response);
        Assert.Equal(
            "The deliver function needs the Azure Storage store (Mailstrom:Storage:Provider=AzureStorage).",
            Assert.Single(body.RootElement.GetProperty("Logs").EnumerateArray()).GetString());
    }

    [Fact]
    public async Task AsCustomHandler_TheApiIsServedWithoutAKeyToTheHostOnLoopback()
    {
        await using var app = FunctionsApp.Create(keys: [FunctionsApp.Key], settings: new Dictionary<string, string?> { ["FUNCTIONS_CUSTOMHANDLER_PORT"] = "7099" });
        using var client = app.CreateClient();

        using var response = await client.PostJsonAsync(Api.Json());

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task AsCustomHandler_ARemoteClientIsRefused()
    {
        await using var app = FunctionsApp.Create(remoteAddress: IPAddress.Parse("203.0.113.9"), keys: [FunctionsApp.Key], settings: new Dictionary<string, string?> { ["FUNCTIONS_CUSTOMHANDLER_PORT"] = "7099" });
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("x-functions-key", FunctionsApp.Key);

        using var response = await client.PostJsonAsync(Api.Json());

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
