using Mailstrom.DependencyInjection;
using Mailstrom.Suppression;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Mailstrom.Tests.Suppression;

public sealed class SuppressionOptionsTests
{
    private static SuppressionOptions Bind(Dictionary<string, string?> settings)
    {
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        services.AddMailstrom();
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<SuppressionOptions>>().Value;
    }

    [Fact]
    public void Defaults_AreEnabledWithTheMailboxAndDomainCodes()
    {
        var options = Bind([]);

        Assert.True(options.Enabled);
        Assert.Equal(["5.1.1", "5.1.2", "5.1.10"], options.EffectiveStatusCodes());
    }

    [Fact]
    public void ConfiguredCodes_ReplaceTheDefault_AndDisabledBinds()
    {
        var options = Bind(new()
        {
            ["Mailstrom:Suppression:Enabled"] = "false",
            ["Mailstrom:Suppression:StatusCodes:0"] = "5.1.1",
        });

        Assert.False(options.Enabled);
        Assert.Equal(["5.1.1"], options.EffectiveStatusCodes());
    }

    [Fact]
    public void Startup_WithATransientOrMalformedCode_FailsNamingTheKey()
    {
        var exception = Assert.Throws<OptionsValidationException>(() => Bind(new()
        {
            ["Mailstrom:Suppression:StatusCodes:0"] = "5.1.1",
            ["Mailstrom:Suppression:StatusCodes:1"] = "4.2.2",
            ["Mailstrom:Suppression:StatusCodes:2"] = "550",
        }));

        Assert.Equal(2, exception.Failures.Count());
        Assert.Contains(exception.Failures, f => f.StartsWith("Mailstrom:Suppression:StatusCodes:1 ('4.2.2')", StringComparison.Ordinal));
        Assert.Contains(exception.Failures, f => f.StartsWith("Mailstrom:Suppression:StatusCodes:2 ('550')", StringComparison.Ordinal));
    }
}
