using Mailstrom.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Mailstrom.Storage.AzureStorage.Tests.DependencyInjection;

public sealed class AzureStorageMailstromBuilderExtensionsTests
{
    [Fact]
    public void UseAzureStorage_RegistersOneStoreBehindBothContracts()
    {
        using var services = Build(builder => builder.UseAzureStorage("UseDevelopmentStorage=true"));

        var store = services.GetRequiredService<IEmailStore>();

        Assert.IsType<AzureStorageMailstromStore>(store);
        Assert.Same(store, services.GetRequiredService<IDeliveryQueue>());
        Assert.Equal(AzureStorageOptions.DefaultNamePrefix, services.GetRequiredService<IOptions<AzureStorageOptions>>().Value.NamePrefix);
    }

    [Fact]
    public void UseAzureStorage_CalledTwice_AppliesTheLaterSettings()
    {
        using var services = Build(builder => builder
            .UseAzureStorage(options => options.ConnectionString = "UseDevelopmentStorage=true")
            .UseAzureStorage(options => options.NamePrefix = "other"));

        var options = services.GetRequiredService<IOptions<AzureStorageOptions>>().Value;

        Assert.Equal(("UseDevelopmentStorage=true", "other"), (options.ConnectionString, options.NamePrefix));
        Assert.IsType<AzureStorageMailstromStore>(services.GetRequiredService<IEmailStore>());
    }

    [Fact]
    public void UseAzureStorage_WithoutAConnectionString_FailsNamingTheSetting()
    {
        using var services = Build(builder => builder.UseAzureStorage(_ => { }));

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<AzureStorageOptions>>().Value);

        Assert.Contains("AzureStorageOptions.ConnectionString is required", error.Message, StringComparison.Ordinal);
        Assert.Contains("UseDevelopmentStorage=true", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("Mailstrom")]
    [InlineData("1abc")]
    [InlineData("with-dash")]
    [InlineData("abcdefghijabcdefghijabcdefghijabcdefghijx")]
    public void UseAzureStorage_InvalidNamePrefix_FailsExplainingTheRule(string prefix)
    {
        using var services = Build(builder => builder.UseAzureStorage(options =>
        {
            options.ConnectionString = "UseDevelopmentStorage=true";
            options.NamePrefix = prefix;
        }));

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<AzureStorageOptions>>().Value);

        Assert.Contains("NamePrefix", error.Message, StringComparison.Ordinal);
        Assert.Contains("lower-case letters and digits", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void UseAzureStorage_OutOfRangeLimits_AreEachReported()
    {
        using var services = Build(builder => builder.UseAzureStorage(options =>
        {
            options.ConnectionString = "UseDevelopmentStorage=true";
            options.MaxDequeueCount = 0;
            options.SweepInterval = TimeSpan.Zero;
        }));

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<AzureStorageOptions>>().Value);

        Assert.Contains("MaxDequeueCount", error.Message, StringComparison.Ordinal);
        Assert.Contains("SweepInterval", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Store_WithInvalidOptions_RefusesToBeCreated()
    {
        var error = Assert.Throws<OptionsValidationException>(() => new AzureStorageMailstromStore(new AzureStorageOptions()));

        Assert.Contains("ConnectionString", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Action<IMailstromBuilder> configure)
    {
        var services = new ServiceCollection();
        configure(services.AddMailstrom());
        return services.BuildServiceProvider();
    }
}
