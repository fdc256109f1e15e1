using System.Reflection;
using System.Text.Json;
using Mailstrom.Delivery;
using Mailstrom.Durable.Client;
using Mailstrom.Durable.DependencyInjection;
using Mailstrom.Functions.Hosting;
using Mailstrom.Http.Emails;
using Mailstrom.Http.Links;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Mailstrom.Functions.Tests.Hosting;

public sealed class FunctionsAppServiceCollectionExtensionsTests
{
    [Fact]
    public void TheRepositorysLocalSettingsSample_PassesStartUpValidation_WithTheContentOnTheHostsStorageAccount()
    {
        // Core Tools hands local.settings.json's Values to the worker as environment variables (A__B is A:B).
        using var services = Build(SampleSettings());

        services.GetRequiredService<IStartupValidator>().Validate();

        var durable = services.GetRequiredService<IOptions<DurableEngineOptions>>().Value;
        Assert.Equal("UseDevelopmentStorage=true", durable.ConnectionString);
        Assert.Equal("mailstrom-content", durable.ContentContainer);
        var mailstrom = services.GetRequiredService<IOptions<MailstromOptions>>().Value;
        Assert.Equal("mail.example.org", mailstrom.HeloName);
        Assert.Equal(DeliveryMode.Direct, mailstrom.Delivery.Mode);
    }

    [Fact]
    public void AnExplicitContentConnectionString_WinsOverTheHostsStorageAccount()
    {
        using var services = Build(new()
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["Mailstrom:Durable:ConnectionString"] = "DefaultEndpointsProtocol=https;AccountName=content;AccountKey=a2V5;EndpointSuffix=core.windows.net",
        });

        Assert.Contains("AccountName=content", services.GetRequiredService<IOptions<DurableEngineOptions>>().Value.ConnectionString, StringComparison.Ordinal);
    }

    [Fact]
    public void WithoutAnyStorageAccount_StartUpFails_NamingTheSetting()
    {
        using var services = Build(new() { ["Mailstrom:HeloName"] = "mail.example.org" });

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Mailstrom:Durable:ConnectionString", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RelayModeWithoutARelayHost_StartUpFails_NamingTheSetting()
    {
        using var services = Build(new()
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["Mailstrom:Delivery:Mode"] = "Relay",
        });

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Relay:Host", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Mailstrom:Api:PublicBaseUrl", "mail.example.com", "Mailstrom:Api:PublicBaseUrl")]
    [InlineData("Mailstrom:Api:PublicBaseUrl", "https://mail.example.com/?x=1", "Mailstrom:Api:PublicBaseUrl")]
    [InlineData("AllowedHosts", "https://mail.example.com", "AllowedHosts entry")]
    [InlineData("Mailstrom:Api:MaxListResponseBytes", "1024", "MaxListResponseBytes")]
    public void AnInvalidApiSetting_FailsStartUp_NamingIt(string key, string value, string named)
    {
        using var services = Build(new() { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true", [key] = value });

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains(named, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AWeakDkimKey_FailsStartUp_NamingTheKeyButNotItsMaterial()
    {
        var weak = Mailstrom.Testing.Dkim.DkimTestKey.Rsa(1024).PrivateKeyPem;
        using var services = Build(new()
        {
            ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true",
            ["Mailstrom:Dkim:Keys:0:Domain"] = "example.com",
            ["Mailstrom:Dkim:Keys:0:Selector"] = "old",
            ["Mailstrom:Dkim:Keys:0:PrivateKey"] = weak,
        });

        var failure = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.Contains("Mailstrom:Dkim:Keys:0 (domain 'example.com', selector 'old'): the RSA key has 1024 bits", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(weak.Split('\n')[1], failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RegistersWhatTheFunctionsNeed_AndCallingTwiceIsSafe()
    {
        var collection = Collection(new() { ["AzureWebJobsStorage"] = "UseDevelopmentStorage=true" });
        collection.AddMailstromFunctionsApp();
        collection.AddMailstromFunctionsApp();
        using var services = collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });

        Assert.Single(collection, d => d.ServiceType == typeof(EmailsHandlers));
        Assert.Single(collection, d => d.ServiceType == typeof(PublicOrigin));
        Assert.NotNull(services.GetRequiredService<DurableMailstromFactory>());
        Assert.NotNull(services.GetRequiredService<Microsoft.AspNetCore.Http.IProblemDetailsService>());
        Assert.NotNull(services.GetRequiredService<Mailstrom.Durable.Activities.RecipientDelivery>());
        Assert.DoesNotContain(collection, d => d.ServiceType == typeof(Microsoft.Extensions.Hosting.IHostedService));
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var collection = Collection(settings);
        collection.AddMailstromFunctionsApp();
        return collection.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }

    private static ServiceCollection Collection(Dictionary<string, string?> settings)
    {
        var collection = new ServiceCollection();
        collection.AddLogging();
        collection.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return collection;
    }

    private static Dictionary<string, string?> SampleSettings()
    {
        var root = typeof(FunctionsAppServiceCollectionExtensionsTests).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
            .Single(a => a.Key == "RepositoryRoot").Value!;
        using var sample = JsonDocument.Parse(File.ReadAllText(Path.Combine(root, "local.settings.sample.json")));
        return sample.RootElement.GetProperty("Values").EnumerateObject()
            .ToDictionary(p => p.Name.Replace("__", ":", StringComparison.Ordinal), p => p.Value.GetString());
    }
}
