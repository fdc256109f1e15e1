using Mailstrom.Delivery.MtaSts;
using Mailstrom.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Mailstrom.Tests.Delivery.MtaSts;

/// <summary>The <c>Mailstrom:MtaSts</c> settings are checked when the settings are first read (at start-up in a host).</summary>
public sealed class MtaStsOptionsValidationTests
{
    [Fact]
    public void Defaults_AreValid_AndEnableMtaSts()
    {
        var options = Read(_ => { });

        Assert.True(options.MtaSts.Enabled);
        Assert.Null(options.MtaSts.CaBundlePath);
        Assert.Equal(TimeSpan.FromSeconds(10), options.MtaSts.FetchTimeout);
        Assert.Equal(TimeSpan.FromDays(7), options.MtaSts.MaxPolicyAge);
    }

    [Fact]
    public void CaBundlePath_Missing_FailsNamingTheSetting()
    {
        var error = Assert.Throws<OptionsValidationException>(() => Read(o => o.MtaSts.CaBundlePath = "/nonexistent/ca.pem"));

        Assert.Contains("Mailstrom:MtaSts:CaBundlePath '/nonexistent/ca.pem' could not be read", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("00:00:00", null)]
    [InlineData("00:02:00", null)]
    [InlineData(null, "00:00:30")]
    public void Timeouts_OutOfRange_FailNamingTheSetting(string? fetchTimeout, string? maxPolicyAge)
    {
        var error = Assert.Throws<OptionsValidationException>(() => Read(o =>
        {
            o.MtaSts.FetchTimeout = fetchTimeout is null ? o.MtaSts.FetchTimeout : TimeSpan.Parse(fetchTimeout, System.Globalization.CultureInfo.InvariantCulture);
            o.MtaSts.MaxPolicyAge = maxPolicyAge is null ? o.MtaSts.MaxPolicyAge : TimeSpan.Parse(maxPolicyAge, System.Globalization.CultureInfo.InvariantCulture);
        }));

        Assert.Contains(fetchTimeout is null ? "Mailstrom:MtaSts:MaxPolicyAge" : "Mailstrom:MtaSts:FetchTimeout", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Disabled_RegistersASourceThatFindsNoPolicy()
    {
        var services = new ServiceCollection().AddLogging();
        services.AddMailstrom(o => o.MtaSts.Enabled = false);
        using var provider = services.BuildServiceProvider();

        Assert.Null(await provider.GetRequiredService<IMtaStsPolicySource>().GetPolicyAsync("example.com", default));
    }

    private static MailstromOptions Read(Action<MailstromOptions> configure)
    {
        var services = new ServiceCollection();
        services.AddMailstrom(configure);
        using var provider = services.BuildServiceProvider();
        return provider.GetRequiredService<IOptions<MailstromOptions>>().Value;
    }
}
