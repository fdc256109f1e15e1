using Mailstrom.DependencyInjection;
using Mailstrom.Server.Configuration;
using Mailstrom.Server.Security;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Mailstrom.Server.Tests.Configuration;

/// <summary>
/// The settings the app validates at start-up, resolved through the same registrations the app uses (the host runs
/// these validations before it starts; resolving them here keeps the tests deterministic).
/// </summary>
public sealed class OptionsValidationTests
{
    [Fact]
    public void FunctionKeyWithASpace_IsRefused_NamingTheKeyButNotItsValue()
    {
        using var services = Build(new() { ["Mailstrom:Api:Keys:0"] = "a-good-key-0123456789", ["Mailstrom:Api:Keys:1"] = "secret with space" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<ApiOptions>>().Value);

        Assert.Contains("Mailstrom:Api:Keys:1", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret with space", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FunctionKeys_BindAsAnArray()
    {
        using var services = Build(new() { ["Mailstrom:Api:Keys:0"] = "first-key-0123456789", ["Mailstrom:Api:Keys:1"] = "second-key-0123456789" });

        var options = services.GetRequiredService<IOptions<ApiOptions>>().Value;

        Assert.Equal(["first-key-0123456789", "second-key-0123456789"], options.Keys);
    }

    [Fact]
    public void EmptySqlitePath_IsRefused_NamingTheSetting()
    {
        using var services = Build(new() { ["Mailstrom:Storage:Sqlite:Path"] = " " });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<StorageOptions>>().Value);

        Assert.Contains("Mailstrom:Storage:Sqlite:Path", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidEngineLimit_IsRefused_NamingTheSetting()
    {
        using var services = Build(new() { ["Mailstrom:Limits:MaxRecipients"] = "0" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<MailstromOptions>>().Value);

        Assert.Contains("Mailstrom:Limits:MaxRecipients", error.Message, StringComparison.Ordinal);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddLogging();
        services.AddFunctionKeys();
        services.AddOptions<StorageOptions>().BindConfiguration(StorageOptions.SectionName);
        services.AddSingleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>();
        services.AddMailstrom();
        return services.BuildServiceProvider();
    }
}
