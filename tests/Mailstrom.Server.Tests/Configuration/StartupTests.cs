using System.Net;
using Mailstrom.Server.Tests.Infrastructure;
using Microsoft.Extensions.Options;

namespace Mailstrom.Server.Tests.Configuration;

public sealed class StartupTests
{
    [Fact]
    public void UnknownEngine_FailsStartUp_ListingTheValidEngines()
    {
        using var app = ServerApp.Create(settings: new Dictionary<string, string?> { ["Mailstrom:Engine"] = "Cassandra" });

        var error = Assert.Throws<OptionsValidationException>(() => app.CreateApiClient());

        Assert.Contains("Mailstrom:Engine 'Cassandra'", error.Message, StringComparison.Ordinal);
        Assert.Contains("valid values: Native, Durable", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void DurableEngine_WithoutAConnectionString_FailsStartUp_NamingTheSetting()
    {
        using var app = ServerApp.Create(settings: new Dictionary<string, string?> { ["Mailstrom:Engine"] = "Durable" });

        var error = Assert.Throws<OptionsValidationException>(() => app.CreateApiClient());

        Assert.Contains("Mailstrom:Durable:ConnectionString", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ShortFunctionKey_IsAccepted_WithAStartUpWarning()
    {
        using var app = ServerApp.Create(remoteAddress: IPAddress.Parse("203.0.113.7"), keys: ["short"]);
        using var client = app.CreateApiClient();

        using var response = await client.GetAsync($"{Api.Emails}?code=short");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Single(app.Logs, l => l.EventId.Id == 2008);
        Assert.DoesNotContain(app.Logs, l => l.Message.Contains("short ", StringComparison.Ordinal) && l.EventId.Id == 2008);
    }

    [Fact]
    public async Task SqlitePath_DirectoryIsCreated_AndTheFileIsUsed()
    {
        var path = TempDatabase.NewPath();
        Assert.False(Directory.Exists(Path.GetDirectoryName(path)));
        using var app = ServerApp.Create(databasePath: path);
        using var client = app.CreateApiClient();

        await client.CreateEmailAsync();

        Assert.True(File.Exists(path));
        app.Dispose();
        TempDatabase.Delete(path);
    }

    [Fact]
    public async Task Restart_OnTheSameSqliteFile_ReadsEveryEmailBack()
    {
        var path = TempDatabase.NewPath();
        var before = new Dictionary<string, string>();
        using (var first = ServerApp.Create(databasePath: path))
        using (var client = first.CreateApiClient())
        {
            var pending = await client.CreateEmailAsync("Pending across restarts", "alice@example.com");
            using var raw = await client.PostRfc822Async(Api.Rfc822("Raw across restarts"));
            using var rawBody = await Api.ReadJsonAsync(raw);
            var rawId = rawBody.RootElement.GetProperty("id").GetString()!;
            var terminated = await client.CreateEmailAsync("Terminated across restarts", "bob@example.org", "carol@example.net");
            using var terminate = await client.PostAsync($"/api/emails/{terminated}/terminate?reason=restart%20test", null);
            Assert.Equal(HttpStatusCode.Accepted, terminate.StatusCode);

            foreach (var id in new[] { pending, rawId, terminated })
            {
                using var status = await client.GetAsync($"/api/emails/{id}");
                before[id] = await status.Content.ReadAsStringAsync();
            }
        }

        using var second = ServerApp.Create(databasePath: path);
        using var restarted = second.CreateApiClient();
        foreach (var (id, json) in before)
        {
            using var status = await restarted.GetAsync($"/api/emails/{id}");
            Assert.Equal(json, await status.Content.ReadAsStringAsync());
        }

        using var list = await restarted.GetAsync(Api.Emails);
        using var listed = await Api.ReadJsonAsync(list);
        Assert.Equal(
            before.Keys.Order().ToArray(),
            listed.RootElement.EnumerateArray().Select(e => e.GetProperty("instanceId").GetString()!).Order().ToArray());
        second.Dispose();
        TempDatabase.Delete(path);
    }
}
