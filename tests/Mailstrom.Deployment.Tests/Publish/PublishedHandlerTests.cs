using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Mailstrom.Testing.Rig;

namespace Mailstrom.Deployment.Tests.Publish;

/// <summary>
/// The published executable, started as the Functions host starts it, answers every function the folder defines:
/// each HTTP function's method and route (from its <c>function.json</c>) reaches the matching API operation, and the
/// queue and timer functions answer at <c>/{name}</c>. It runs with the sample local settings, on the rig's Azurite.
/// </summary>
[Collection(PublishedCollection.Name)]
public sealed class PublishedHandlerTests(PublishedFunctionApp app)
{
    [Fact(Timeout = 120_000)]
    public async Task EveryFunctionDefinition_ReachesItsOperationInThePublishedHandler()
    {
        // The sample local settings as they are, but for the rig's Azurite and names of this test's own.
        var prefix = $"publish{Guid.NewGuid():N}"[..20];
        var settings = LocalSettingsSample.Values();
        settings["AzureWebJobsStorage"] = RigEnvironment.Current.Get("AZURITE_CONNECTION_STRING");
        settings["MailstromWorkQueue"] = $"{prefix}-work";
        settings["Mailstrom__Storage__AzureStorage__NamePrefix"] = prefix;
        await using var handler = await PublishedHandlerProcess.StartAsync(app, settings);
        using var http = new HttpClient { BaseAddress = handler.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
        var routes = FunctionDefinitions.Http.ToDictionary(h => h.Name, h => (h.Method, h.Route));

        using var started = await SendAsync(http, routes["start"], null, JsonContent.Create(new
        {
            from = "sender@client.mailstrom.test",
            to = new[] { "someone@example.org" },
            subject = "Layout",
            text = "Never delivered: the worker is off and no queue trigger runs here.",
        }));
        Assert.True(started.StatusCode == HttpStatusCode.Accepted, $"start answered {(int)started.StatusCode}: {handler.Output}");
        var id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

        using var status = await SendAsync(http, routes["status"], id);
        Assert.Equal(HttpStatusCode.Accepted, status.StatusCode);
        Assert.Equal("Pending", (await status.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("runtimeStatus").GetString());

        using var listed = await SendAsync(http, routes["list"], null);
        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.Contains(id, await listed.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        using var terminated = await SendAsync(http, routes["terminate"], id);
        Assert.Equal(HttpStatusCode.Accepted, terminated.StatusCode);

        using var purged = await SendAsync(http, routes["purge"], id);
        Assert.Equal(HttpStatusCode.OK, purged.StatusCode);

        using var gone = await SendAsync(http, routes["status"], id);
        Assert.Equal(HttpStatusCode.NotFound, gone.StatusCode);

        // The queue and timer functions: the host posts to /{name}. A delivery without metadata is refused by name.
        using var deliver = await http.PostAsJsonAsync("/deliver", new { Data = new { message = "x|0" }, Metadata = new { } });
        Assert.Equal(HttpStatusCode.BadRequest, deliver.StatusCode);
        using var sweep = await http.PostAsJsonAsync("/sweep", new { Data = new { timer = new { } }, Metadata = new { } });
        Assert.Equal(HttpStatusCode.OK, sweep.StatusCode);
    }

    private static Task<HttpResponseMessage> SendAsync(HttpClient http, (string Method, string Route) function, string? id, HttpContent? content = null)
    {
        var path = "/api/" + function.Route.Replace("{id}", id, StringComparison.Ordinal);
        return http.SendAsync(new HttpRequestMessage(new HttpMethod(function.Method.ToUpperInvariant()), new Uri(path, UriKind.Relative)) { Content = content });
    }
}
