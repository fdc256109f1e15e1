using System.Text.Json;

namespace Mailstrom.Deployment.Tests.FunctionApp;

/// <summary>
/// The published function app has what the Functions host reads: every function with its trigger in
/// <c>functions.metadata</c>, the Durable extension in <c>extensions.json</c> and <c>.azurefunctions/</c>, the .NET
/// isolated worker in <c>worker.config.json</c>, and the repository's <c>host.json</c>.
/// </summary>
public sealed class PublishedLayoutTests(PublishedFunctionApp app) : IClassFixture<PublishedFunctionApp>
{
    private const string Assembly = "Mailstrom.Functions.dll";

    [Fact]
    public void Publish_SucceedsWithWarningsAsErrors_WithoutNuGetApproximations()
    {
        Assert.Equal(0, app.Publish.ExitCode);
        Assert.DoesNotContain("NU1603", app.Publish.Output + app.Publish.Errors, StringComparison.Ordinal);
    }

    [Fact]
    public void FunctionsMetadata_ListsExactlyTheAppsFunctions()
    {
        var names = Functions().Select(f => f.GetProperty("name").GetString()).Order(StringComparer.Ordinal);

        Assert.Equal(["CreateEmail", "Deliver", "GetEmail", "ListEmails", "ListSuppressions", "Notify", "PostWebhook", "PurgeEmail", "RemoveSuppression", "SendEmail", "TerminateEmail", "WebhookRetries"], names);
        Assert.All(Functions(), f =>
        {
            Assert.Equal(Assembly, f.GetProperty("scriptFile").GetString());
            Assert.Equal("dotnet-isolated", f.GetProperty("language").GetString());
        });
    }

    [Theory]
    [InlineData("CreateEmail", "post", "emails")]
    [InlineData("GetEmail", "get", "emails/{id}")]
    [InlineData("TerminateEmail", "post", "emails/{id}/terminate")]
    [InlineData("PurgeEmail", "delete", "emails/{id}")]
    [InlineData("ListEmails", "get", "emails")]
    [InlineData("ListSuppressions", "get", "suppressions", "Suppressions.SuppressionsFunctions")]
    [InlineData("RemoveSuppression", "delete", "suppressions/{address}", "Suppressions.SuppressionsFunctions")]
    public void FunctionsMetadata_HasTheHttpFunction_WithItsRouteMethodAndFunctionKey(
        string name, string method, string route, string type = "Emails.EmailsFunctions")
    {
        var function = Function(name);
        var bindings = function.GetProperty("bindings").EnumerateArray().ToList();

        Assert.Equal($"Mailstrom.Functions.{type}.{name}", function.GetProperty("entryPoint").GetString());
        var trigger = Assert.Single(bindings, b => b.GetProperty("type").GetString() == "httpTrigger");
        Assert.Equal("In", trigger.GetProperty("direction").GetString());
        Assert.Equal("Function", trigger.GetProperty("authLevel").GetString());
        Assert.Equal([method], trigger.GetProperty("methods").EnumerateArray().Select(m => m.GetString()));
        Assert.Equal(route, trigger.GetProperty("route").GetString());
        Assert.Single(bindings, b => b.GetProperty("type").GetString() == "durableClient");
        var output = Assert.Single(bindings, b => b.GetProperty("direction").GetString() == "Out");
        Assert.Equal("$return", output.GetProperty("name").GetString());
        Assert.Equal("http", output.GetProperty("type").GetString());
    }

    [Fact]
    public void FunctionsMetadata_NoTwoHttpFunctionsShareARouteAndMethod()
    {
        var routes = Functions()
            .SelectMany(f => f.GetProperty("bindings").EnumerateArray())
            .Where(b => b.GetProperty("type").GetString() == "httpTrigger")
            .SelectMany(b => b.GetProperty("methods").EnumerateArray().Select(m => $"{m.GetString()} {b.GetProperty("route").GetString()}"))
            .ToList();

        Assert.Equal(routes.Count, routes.Distinct(StringComparer.OrdinalIgnoreCase).Count());
    }

    [Theory]
    [InlineData("SendEmail", "orchestrationTrigger", "Mailstrom.Functions.Orchestration.SendEmailFunction.RunAsync")]
    [InlineData("Deliver", "activityTrigger", "Mailstrom.Functions.Orchestration.DeliverFunction.RunAsync")]
    [InlineData("WebhookRetries", "orchestrationTrigger", "Mailstrom.Functions.Orchestration.WebhookRetriesFunction.RunAsync")]
    [InlineData("PostWebhook", "activityTrigger", "Mailstrom.Functions.Orchestration.PostWebhookFunction.RunAsync")]
    public void FunctionsMetadata_HasTheEnginesOrchestratorAndActivity_UnderTheirDurableNames(string name, string trigger, string entryPoint)
    {
        var function = Function(name);

        Assert.Equal(entryPoint, function.GetProperty("entryPoint").GetString());
        var binding = Assert.Single(function.GetProperty("bindings").EnumerateArray());
        Assert.Equal(trigger, binding.GetProperty("type").GetString());
        Assert.Equal("In", binding.GetProperty("direction").GetString());
    }

    [Fact]
    public void FunctionsMetadata_NotifyIsAnActivity_BoundToADurableClient()
    {
        var function = Function("Notify");

        Assert.Equal("Mailstrom.Functions.Orchestration.NotifyFunction.RunAsync", function.GetProperty("entryPoint").GetString());
        var types = function.GetProperty("bindings").EnumerateArray().Select(b => b.GetProperty("type").GetString()).Order(StringComparer.Ordinal);
        Assert.Equal(["activityTrigger", "durableClient"], types);
    }

    [Fact]
    public void ExtensionsJson_LoadsTheDurableExtension_FromThePublishFolder()
    {
        var extensions = app.Json("extensions.json").GetProperty("extensions").EnumerateArray().ToList();

        var durable = Assert.Single(extensions, e => e.GetProperty("name").GetString() == "DurableTask");
        Assert.StartsWith(
            "Microsoft.Azure.WebJobs.Extensions.DurableTask.DurableTaskWebJobsStartup, Microsoft.Azure.WebJobs.Extensions.DurableTask,",
            durable.GetProperty("typeName").GetString(), StringComparison.Ordinal);
        foreach (var extension in extensions)
        {
            var hint = extension.GetProperty("hintPath").GetString()!;
            Assert.True(File.Exists(app.PathOf(hint)), $"{extension.GetProperty("name")} points at {hint}, which is not in the publish folder");
        }
    }

    [Fact]
    public void WorkerConfig_StartsTheAppAsADotnetIsolatedWorker()
    {
        var description = app.Json("worker.config.json").GetProperty("description");

        Assert.Equal("dotnet-isolated", description.GetProperty("language").GetString());
        Assert.Equal("dotnet", description.GetProperty("defaultExecutablePath").GetString());
        Assert.Equal(Assembly, description.GetProperty("defaultWorkerPath").GetString());
        Assert.True(File.Exists(app.PathOf(Assembly)));
    }

    [Fact]
    public void RuntimeConfig_IsFrameworkDependentOnDotnet10WithAspNetCore()
    {
        var options = app.Json("Mailstrom.Functions.runtimeconfig.json").GetProperty("runtimeOptions");

        Assert.Equal("net10.0", options.GetProperty("tfm").GetString());
        var frameworks = options.GetProperty("frameworks").EnumerateArray().ToDictionary(f => f.GetProperty("name").GetString()!, f => f.GetProperty("version").GetString()!);
        Assert.StartsWith("10.0.", frameworks["Microsoft.NETCore.App"], StringComparison.Ordinal);
        Assert.StartsWith("10.0.", frameworks["Microsoft.AspNetCore.App"], StringComparison.Ordinal);
    }

    [Fact]
    public void HostJson_IsTheRepositorysOwn()
    {
        Assert.Equal(File.ReadAllText(RepositoryPaths.Combine("host.json")), File.ReadAllText(app.PathOf("host.json")));
        Assert.False(File.Exists(app.PathOf("local.settings.json")), "local settings (secrets) were published");
    }

    private List<JsonElement> Functions() => [.. app.Json("functions.metadata").EnumerateArray()];

    private JsonElement Function(string name) => Assert.Single(Functions(), f => f.GetProperty("name").GetString() == name);
}
