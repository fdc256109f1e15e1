using System.Text.Json;

namespace Mailstrom.Deployment.Tests.Infrastructure;

/// <summary>
/// <c>infra/main.bicep</c> compiles and lints cleanly with the real Bicep compiler, and the ARM template it produces
/// creates what a Linux .NET isolated Durable Functions app running Mailstrom needs, with relay delivery by default.
/// </summary>
public sealed class MainBicepTests(CompiledTemplate template) : IClassFixture<CompiledTemplate>
{
    [Fact]
    public void Build_ReportsNoErrorsAndNoWarnings()
    {
        Assert.Equal(0, template.Build.ExitCode);
        Assert.True(template.Build.Errors.Trim().Length == 0, $"bicep build reported diagnostics:\n{template.Build.Errors}");
        Assert.Equal("2019-04-01", SchemaVersion(template.Root.GetProperty("$schema").GetString()!));
    }

    [Theory]
    [InlineData("infra/main.bicep")]
    [InlineData("infra/main.bicepparam")]
    public async Task Lint_ReportsNothing(string file)
    {
        var lint = await BicepCompiler.RunAsync("lint", file);

        Assert.True(lint.ExitCode == 0, $"bicep lint {file} failed: {lint}");
        Assert.True((lint.Output + lint.Errors).Trim().Length == 0, $"bicep lint {file} reported diagnostics: {lint}");
    }

    [Fact]
    public void StorageAccount_IsStorageV2_HttpsOnly_Tls12_WithoutPublicBlobAccess()
    {
        var storage = template.Resource("Microsoft.Storage/storageAccounts");
        var properties = storage.GetProperty("properties");

        Assert.Equal("StorageV2", storage.GetProperty("kind").GetString());
        Assert.True(properties.GetProperty("supportsHttpsTrafficOnly").GetBoolean());
        Assert.Equal("TLS1_2", properties.GetProperty("minimumTlsVersion").GetString());
        Assert.False(properties.GetProperty("allowBlobPublicAccess").GetBoolean());
    }

    [Fact]
    public void ContentContainer_IsPrivate_AndNamedAsTheAppReadsIt()
    {
        var container = template.Resource("Microsoft.Storage/storageAccounts/blobServices/containers");

        Assert.Equal("[format('{0}/{1}/{2}', variables('storageAccountName'), 'default', parameters('contentContainer'))]", container.GetProperty("name").GetString());
        Assert.Equal("None", container.GetProperty("properties").GetProperty("publicAccess").GetString());
        Assert.Equal("[parameters('contentContainer')]", template.AppSettings()["Mailstrom__Durable__ContentContainer"]);
        Assert.Equal("mailstrom-content", template.Parameter("contentContainer").GetProperty("defaultValue").GetString());
    }

    [Fact]
    public void ApplicationInsights_IsBackedByALogAnalyticsWorkspace()
    {
        template.Resource("Microsoft.OperationalInsights/workspaces");
        var insights = template.Resource("Microsoft.Insights/components");
        var properties = insights.GetProperty("properties");

        Assert.Equal("web", properties.GetProperty("Application_Type").GetString());
        Assert.Contains("Microsoft.OperationalInsights/workspaces", properties.GetProperty("WorkspaceResourceId").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Plan_IsLinux_ElasticPremiumEP1ByDefault_OrDedicatedPremiumV3()
    {
        var plan = template.Resource("Microsoft.Web/serverfarms");

        Assert.True(plan.GetProperty("properties").GetProperty("reserved").GetBoolean(), "the plan is not Linux (reserved)");
        Assert.Equal("[startsWith(parameters('planSku'), 'EP')]", template.Variable("isElasticPremium"));
        Assert.Equal("[if(variables('isElasticPremium'), 'elastic', 'linux')]", plan.GetProperty("kind").GetString());
        Assert.Equal("[parameters('planSku')]", plan.GetProperty("sku").GetProperty("name").GetString());
        Assert.Equal("[if(variables('isElasticPremium'), 'ElasticPremium', 'PremiumV3')]", plan.GetProperty("sku").GetProperty("tier").GetString());
        var sku = template.Parameter("planSku");
        Assert.Equal("EP1", sku.GetProperty("defaultValue").GetString());
        Assert.Equal(["EP1", "EP2", "EP3", "P0v3", "P1v3", "P2v3", "P3v3"], sku.GetProperty("allowedValues").EnumerateArray().Select(v => v.GetString()!));
    }

    [Fact]
    public void Site_IsALinuxDotnetIsolatedFunctionApp_OnDotnet10_HttpsOnly_Tls12_WithoutFtp()
    {
        var site = template.Resource("Microsoft.Web/sites");
        var properties = site.GetProperty("properties");
        var config = properties.GetProperty("siteConfig");

        Assert.Equal("functionapp,linux", site.GetProperty("kind").GetString());
        Assert.True(properties.GetProperty("reserved").GetBoolean());
        Assert.True(properties.GetProperty("httpsOnly").GetBoolean());
        Assert.Contains("Microsoft.Web/serverfarms", properties.GetProperty("serverFarmId").GetString(), StringComparison.Ordinal);
        Assert.Equal("1.2", config.GetProperty("minTlsVersion").GetString());
        Assert.Equal("Disabled", config.GetProperty("ftpsState").GetString());
        Assert.Equal("DOTNET-ISOLATED|10.0", config.GetProperty("linuxFxVersion").GetString());

        // A dedicated plan keeps the host (and so the task hub's listeners) running; Elastic Premium has always-ready instances.
        Assert.Equal("[not(variables('isElasticPremium'))]", config.GetProperty("alwaysOn").GetString());
        Assert.Equal("[if(variables('isElasticPremium'), parameters('alwaysReadyInstances'), null())]", config.GetProperty("minimumElasticInstanceCount").GetString());
    }

    [Theory]
    [InlineData("FUNCTIONS_WORKER_RUNTIME")]
    [InlineData("FUNCTIONS_EXTENSION_VERSION")]
    [InlineData("AzureWebJobsStorage")]
    [InlineData("APPLICATIONINSIGHTS_CONNECTION_STRING")]
    [InlineData("WEBSITE_RUN_FROM_PACKAGE")]
    [InlineData("MailstromTaskHub")]
    [InlineData("Mailstrom__HeloName")]
    [InlineData("Mailstrom__Durable__ContentContainer")]
    [InlineData("Mailstrom__Delivery__Mode")]
    [InlineData("Mailstrom__Delivery__Relay__Host")]
    [InlineData("Mailstrom__Delivery__Relay__Port")]
    [InlineData("Mailstrom__Delivery__Relay__Tls")]
    [InlineData("Mailstrom__Delivery__Relay__Username")]
    [InlineData("Mailstrom__Delivery__Relay__Password")]
    public void AppSettings_Include(string name)
    {
        foreach (var elasticPremium in new[] { true, false })
        {
            var settings = template.AppSettings(elasticPremium);
            Assert.True(settings.ContainsKey(name), $"no app setting {name}; the app settings are: {string.Join(", ", settings.Keys)}");
        }
    }

    [Fact]
    public void AppSettings_RunTheIsolatedWorkerOnFunctionsV4_WithTheTaskHubAndContentOnTheAppsStorageAccount()
    {
        var settings = template.AppSettings();

        Assert.Equal("dotnet-isolated", settings["FUNCTIONS_WORKER_RUNTIME"]);
        Assert.Equal("~4", settings["FUNCTIONS_EXTENSION_VERSION"]);
        Assert.Equal("1", settings["WEBSITE_RUN_FROM_PACKAGE"]);
        var storage = settings["AzureWebJobsStorage"];
        Assert.StartsWith("[format('DefaultEndpointsProtocol=https;AccountName={0};AccountKey={1};", storage, StringComparison.Ordinal);
        Assert.Contains("listKeys(resourceId('Microsoft.Storage/storageAccounts', variables('storageAccountName'))", storage, StringComparison.Ordinal);
        Assert.Contains("Microsoft.Insights/components", settings["APPLICATIONINSIGHTS_CONNECTION_STRING"], StringComparison.Ordinal);
        Assert.Contains("ConnectionString", settings["APPLICATIONINSIGHTS_CONNECTION_STRING"], StringComparison.Ordinal);

        // host.json's hubName is %MailstromTaskHub%; the message content falls back to AzureWebJobsStorage.
        Assert.Equal("[parameters('taskHubName')]", settings["MailstromTaskHub"]);
        var hub = template.Parameter("taskHubName");
        Assert.Equal("mailstrom", hub.GetProperty("defaultValue").GetString());
        Assert.Equal(45, hub.GetProperty("maxLength").GetInt32());
        Assert.False(settings.ContainsKey("Mailstrom__Durable__ConnectionString"));
        Assert.DoesNotContain(settings.Keys, k => k.StartsWith("Mailstrom__Storage__", StringComparison.Ordinal) || k == "FUNCTIONS_CUSTOMHANDLER_PORT");
    }

    [Fact]
    public void ContentShare_IsSetOnElasticPremiumOnly()
    {
        var elastic = template.AppSettings(elasticPremium: true);
        var dedicated = template.AppSettings(elasticPremium: false);

        Assert.Equal(elastic["AzureWebJobsStorage"], elastic["WEBSITE_CONTENTAZUREFILECONNECTIONSTRING"]);
        Assert.Equal("[variables('contentShareName')]", elastic["WEBSITE_CONTENTSHARE"]);
        Assert.False(dedicated.ContainsKey("WEBSITE_CONTENTAZUREFILECONNECTIONSTRING"));
        Assert.False(dedicated.ContainsKey("WEBSITE_CONTENTSHARE"));
        Assert.Equal(dedicated, elastic.Where(s => !s.Key.StartsWith("WEBSITE_CONTENT", StringComparison.Ordinal)).ToDictionary());
    }

    [Fact]
    public void Delivery_IsRelayOn587WithStartTlsByDefault_DirectSelectable()
    {
        var settings = template.AppSettings();

        Assert.Equal("[parameters('deliveryMode')]", settings["Mailstrom__Delivery__Mode"]);
        var mode = template.Parameter("deliveryMode");
        Assert.Equal("Relay", mode.GetProperty("defaultValue").GetString());
        Assert.Equal(["Direct", "Relay"], mode.GetProperty("allowedValues").EnumerateArray().Select(v => v.GetString()!).Order(StringComparer.Ordinal));

        Assert.Equal("[parameters('relayHost')]", settings["Mailstrom__Delivery__Relay__Host"]);
        Assert.Equal("[string(parameters('relayPort'))]", settings["Mailstrom__Delivery__Relay__Port"]);
        Assert.Equal(587, template.Parameter("relayPort").GetProperty("defaultValue").GetInt32());
        Assert.Equal("[parameters('relayTls')]", settings["Mailstrom__Delivery__Relay__Tls"]);
        Assert.Equal("StartTls", template.Parameter("relayTls").GetProperty("defaultValue").GetString());
        Assert.Equal("[parameters('relayUsername')]", settings["Mailstrom__Delivery__Relay__Username"]);
        Assert.Equal("25", settings["Mailstrom__Delivery__SmtpPort"]);
    }

    [Fact]
    public void RelayPassword_ComesFromASecureParameterWithoutDefault_OrAKeyVaultReference()
    {
        var password = template.Parameter("relayPassword");
        Assert.Equal("securestring", password.GetProperty("type").GetString());
        Assert.False(password.TryGetProperty("defaultValue", out _), "the relay password parameter has a default value");

        Assert.Equal("[variables('relayPasswordSetting')]", template.AppSettings()["Mailstrom__Delivery__Relay__Password"]);
        var expression = template.Variable("relayPasswordSetting");
        Assert.Contains("parameters('relayPassword')", expression, StringComparison.Ordinal);
        Assert.Contains("@Microsoft.KeyVault(SecretUri={0})", expression, StringComparison.Ordinal);
        Assert.Equal("", template.Parameter("relayPasswordSecretUri").GetProperty("defaultValue").GetString());
    }

    [Fact]
    public void Outputs_CarryNoSecrets()
    {
        foreach (var output in template.Root.GetProperty("outputs").EnumerateObject())
        {
            var text = output.Value.GetRawText();
            Assert.DoesNotContain("listKeys", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("relayPassword", text, StringComparison.OrdinalIgnoreCase);
            Assert.DoesNotContain("ConnectionString", text, StringComparison.OrdinalIgnoreCase);
            Assert.NotEqual("securestring", output.Value.GetProperty("type").GetString());
        }

        Assert.Equal(JsonValueKind.Object, template.Root.GetProperty("outputs").GetProperty("functionAppName").ValueKind);
    }

    [Fact]
    public async Task ParametersFile_CompilesAgainstTheTemplate_AndTakesThePasswordFromTheEnvironment()
    {
        const string Secret = "not-a-real-password-7f3e";
        var source = await File.ReadAllTextAsync(RepositoryPaths.Combine("infra", "main.bicepparam"));
        Assert.Contains("readEnvironmentVariable('MAILSTROM_RELAY_PASSWORD'", source, StringComparison.Ordinal);

        var build = await BicepCompiler.RunAsync(
            new Dictionary<string, string> { ["MAILSTROM_RELAY_PASSWORD"] = Secret }, "build-params", "infra/main.bicepparam", "--stdout");

        Assert.True(build.ExitCode == 0 && build.Errors.Trim().Length == 0, $"bicep build-params: {build}");
        using var result = JsonDocument.Parse(build.Output);
        using var parameters = JsonDocument.Parse(result.RootElement.GetProperty("parametersJson").GetString()!);
        var values = parameters.RootElement.GetProperty("parameters");
        Assert.Equal(Secret, values.GetProperty("relayPassword").GetProperty("value").GetString());
        Assert.Equal("Relay", values.GetProperty("deliveryMode").GetProperty("value").GetString());
    }

    private static string SchemaVersion(string schema) => schema.Split('/')[^2];
}
