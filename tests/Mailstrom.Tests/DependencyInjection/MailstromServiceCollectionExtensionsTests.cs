using Mailstrom.DependencyInjection;
using Mailstrom.Storage;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Mailstrom.Tests.DependencyInjection;

public sealed class MailstromServiceCollectionExtensionsTests
{
    [Fact]
    public void AddMailstrom_CalledTwice_RegistersOneWorkerAndAppliesBothConfigurations()
    {
        var services = new ServiceCollection();
        services.AddLogging();

        services.AddMailstrom(o => o.HeloName = "first.example.org");
        services.AddMailstrom(o => o.Delivery.SmtpPort = 2525);
        using var provider = services.BuildServiceProvider();

        Assert.Single(services, d => d.ServiceType == typeof(IHostedService));
        var options = provider.GetRequiredService<IOptions<MailstromOptions>>().Value;
        Assert.Equal("first.example.org", options.HeloName);
        Assert.Equal(2525, options.Delivery.SmtpPort);
    }

    [Fact]
    public void AddMailstrom_BindsTheMailstromSection_BeforeTheDelegate()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Mailstrom:HeloName"] = "configured.example.org",
            ["Mailstrom:Retry:MaxAttempts"] = "7",
        }).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);

        services.AddMailstrom(o => o.Retry.MaxAttempts = o.Retry.MaxAttempts + 1);
        using var provider = services.BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<MailstromOptions>>().Value;
        Assert.Equal("configured.example.org", options.HeloName);
        Assert.Equal(8, options.Retry.MaxAttempts);
    }

    [Fact]
    public void AddMailstrom_WithoutAStore_FailsWithAnActionableMessage()
    {
        var services = new ServiceCollection();
        services.AddMailstrom();
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<InvalidOperationException>(() => provider.GetRequiredService<IEmailStore>());

        Assert.Contains("UseSqlite", error.Message, StringComparison.Ordinal);
        Assert.Contains("UseAzureStorage", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddMailstrom_InvalidSettings_FailWhenOptionsAreRead()
    {
        var services = new ServiceCollection();
        services.AddMailstrom(o => o.Limits.MaxRecipients = 0);
        using var provider = services.BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<MailstromOptions>>().Value);

        Assert.Contains("Mailstrom:Limits:MaxRecipients", error.Message, StringComparison.Ordinal);
    }
}
