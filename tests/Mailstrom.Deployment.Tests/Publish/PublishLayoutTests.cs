using System.Text.Json;

namespace Mailstrom.Deployment.Tests.Publish;

/// <summary>The published folder is a ready Azure Functions custom-handler app: host.json, the executable, and one
/// folder per function with its <c>function.json</c>.</summary>
[Collection(PublishedCollection.Name)]
[System.Runtime.Versioning.SupportedOSPlatform("linux")] // the app is published for linux-x64
public sealed class PublishLayoutTests(PublishedFunctionApp app)
{
    [Fact]
    public void HostJson_IsTheRepositorysAndDescribesTheCustomHandler()
    {
        var published = File.ReadAllText(app.PathOf("host.json"));
        Assert.Equal(File.ReadAllText(RepositoryPaths.Combine("host.json")), published);

        using var document = JsonDocument.Parse(published);
        var root = document.RootElement;
        Assert.Equal("2.0", root.GetProperty("version").GetString());
        var handler = root.GetProperty("customHandler");
        Assert.True(handler.GetProperty("enableProxyingHttpRequest").GetBoolean());
        var executable = handler.GetProperty("description").GetProperty("defaultExecutablePath").GetString()!;
        Assert.Equal("Microsoft.Azure.Functions.ExtensionBundle", root.GetProperty("extensionBundle").GetProperty("id").GetString());
        Assert.Equal("api", root.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());
        var queues = root.GetProperty("extensions").GetProperty("queues");
        Assert.Equal("none", queues.GetProperty("messageEncoding").GetString()); // work messages are plain text
        Assert.InRange(queues.GetProperty("batchSize").GetInt32(), 1, 32);
        Assert.InRange(queues.GetProperty("maxDequeueCount").GetInt32(), 5, 1000);

        // The executable the host starts is self-contained: it runs without a .NET runtime on the host.
        var path = app.PathOf(executable);
        Assert.True(File.Exists(path), $"{executable} is not in the publish folder");
        Assert.True(File.GetUnixFileMode(path).HasFlag(UnixFileMode.UserExecute), $"{executable} is not executable");
        Assert.True(File.Exists(app.PathOf("libcoreclr.so")), "the runtime is not in the publish folder (not self-contained)");
    }

    [Fact]
    public void FunctionFolders_AreExactlyTheAppsFunctions()
    {
        var folders = Directory.GetDirectories(app.Folder)
            .Where(d => File.Exists(Path.Combine(d, "function.json")))
            .Select(Path.GetFileName)
            .Order(StringComparer.Ordinal);
        Assert.Equal(FunctionDefinitions.All.Order(StringComparer.Ordinal), folders);
    }

    [Fact]
    public void HttpFunctions_AreFunctionKeyTriggersOnTheApiRoutes()
    {
        foreach (var (name, method, route) in FunctionDefinitions.Http)
        {
            var bindings = FunctionDefinitions.Bindings(app, name);
            Assert.Equal(2, bindings.Length);
            var trigger = Assert.Single(bindings, b => b.Text("type") == "httpTrigger");
            Assert.Equal("in", trigger.Text("direction"));
            Assert.Equal("function", trigger.Text("authLevel"));
            Assert.Equal(route, trigger.Text("route"));
            Assert.Equal([method], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
            var output = Assert.Single(bindings, b => b.Text("type") == "http");
            Assert.Equal("out", output.Text("direction"));
        }
    }

    [Fact]
    public void DeliverFunction_IsAQueueTriggerOnTheConfiguredWorkQueueOfTheHostsAccount()
    {
        var trigger = Assert.Single(FunctionDefinitions.Bindings(app, "deliver"));
        Assert.Equal("queueTrigger", trigger.Text("type"));
        Assert.Equal("in", trigger.Text("direction"));
        Assert.Equal("message", trigger.Text("name"));
        Assert.Equal("%MailstromWorkQueue%", trigger.Text("queueName"));
        Assert.Equal("AzureWebJobsStorage", trigger.Text("connection"));
    }

    [Fact]
    public void SweepFunction_IsATimerTriggerEveryFiveMinutes()
    {
        var trigger = Assert.Single(FunctionDefinitions.Bindings(app, "sweep"));
        Assert.Equal("timerTrigger", trigger.Text("type"));
        Assert.Equal("0 */5 * * * *", trigger.Text("schedule"));
        Assert.False(trigger.GetProperty("runOnStartup").GetBoolean());
    }

    [Fact]
    public void LocalSettings_AreNotPublished()
    {
        Assert.False(File.Exists(app.PathOf("local.settings.json")));
        Assert.False(File.Exists(app.PathOf("local.settings.sample.json")));
    }
}
