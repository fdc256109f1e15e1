using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using Mailstrom.Deployment.Tests.Infrastructure;

namespace Mailstrom.Deployment.Tests.FunctionApp;

/// <summary>
/// The repository's <c>host.json</c> (published with the app) configures the Functions host for the isolated worker and
/// Durable Functions on Azure Storage, and every app setting it names is set by the local sample and by the template.
/// </summary>
public sealed partial class HostJsonTests(CompiledTemplate template) : IClassFixture<CompiledTemplate>
{
    private static readonly JsonElement _host = Read();

    [Fact]
    public void IsVersion2_WithTheApiRoutePrefix_AndNoCustomHandlerOrExtensionBundle()
    {
        Assert.Equal("2.0", _host.GetProperty("version").GetString());
        Assert.Equal("api", _host.GetProperty("extensions").GetProperty("http").GetProperty("routePrefix").GetString());

        // The isolated worker brings its own extensions (.azurefunctions/); a bundle or a custom handler would take over.
        Assert.False(_host.TryGetProperty("customHandler", out _));
        Assert.False(_host.TryGetProperty("extensionBundle", out _));
    }

    [Fact]
    public void DurableTask_UsesTheTaskHubSetting_OnTheHostsStorageAccount()
    {
        var durable = _host.GetProperty("extensions").GetProperty("durableTask");
        var storage = durable.GetProperty("storageProvider");

        Assert.Equal("%MailstromTaskHub%", durable.GetProperty("hubName").GetString());
        Assert.Equal("AzureStorage", storage.GetProperty("type").GetString());
        Assert.Equal("AzureWebJobsStorage", storage.GetProperty("connectionName").GetString());
        Assert.Equal(4, storage.GetProperty("partitionCount").GetInt32());
        var polling = TimeSpan.Parse(storage.GetProperty("maxQueuePollingInterval").GetString()!, CultureInfo.InvariantCulture);
        Assert.InRange(polling, TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(30));
        Assert.InRange(durable.GetProperty("maxConcurrentActivityFunctions").GetInt32(), 1, 1000);
        Assert.InRange(durable.GetProperty("maxConcurrentOrchestratorFunctions").GetInt32(), 1, 1000);

        // Inputs and outputs carry recipient addresses and SMTP replies: not in the host's traces.
        Assert.False(durable.GetProperty("tracing").GetProperty("traceInputsAndOutputs").GetBoolean());
    }

    [Theory]
    [InlineData("Function.Deliver")]
    [InlineData("Function.SendEmail")]
    [InlineData("Host.Triggers.DurableTask")]
    [InlineData("DurableTask.AzureStorage")]
    [InlineData("DurableTask.Core")]
    public void Logging_KeepsPerDeliveryAndPerEpisodeRecordsAtWarning(string category)
    {
        var levels = _host.GetProperty("logging").GetProperty("logLevel");

        Assert.Equal("Information", levels.GetProperty("default").GetString());
        Assert.Equal("Warning", levels.GetProperty(category).GetString());
    }

    [Fact]
    public void EveryAppSettingItNames_IsSetByTheLocalSampleAndByTheTemplate()
    {
        var named = AppSettingReference().Matches(_host.GetRawText()).Select(m => m.Groups[1].Value).Distinct().ToList();
        var sample = LocalSettingsSample.Values();
        var deployed = template.AppSettings();

        Assert.Equal(["MailstromTaskHub"], named);
        foreach (var setting in named)
        {
            Assert.True(sample.ContainsKey(setting), $"local.settings.sample.json does not set {setting}");
            Assert.True(deployed.ContainsKey(setting), $"infra/main.bicep does not set {setting}");
        }

        // A task hub name is 3 to 45 letters and digits, starting with a letter.
        Assert.Matches("^[A-Za-z][A-Za-z0-9]{2,44}$", sample["MailstromTaskHub"]);
        Assert.Matches("^[A-Za-z][A-Za-z0-9]{2,44}$", template.Parameter("taskHubName").GetProperty("defaultValue").GetString()!);
    }

    private static JsonElement Read()
    {
        using var document = JsonDocument.Parse(File.ReadAllText(RepositoryPaths.Combine("host.json")));
        return document.RootElement.Clone();
    }

    [GeneratedRegex("%([A-Za-z0-9_]+)%")]
    private static partial Regex AppSettingReference();
}
