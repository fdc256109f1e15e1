using Mailstrom.Delivery.MtaSts;

namespace Mailstrom.Tests.Delivery.MtaSts;

public sealed class MtaStsPolicyParserTests
{
    [Fact]
    public void TryParse_Rfc8461Example_ReadsEveryField()
    {
        var policy = MtaStsPolicyParser.TryParse(
            "version: STSv1\r\nmode: enforce\r\nmx: mail.example.com\r\nmx: *.example.net\r\nmx: backupmx.example.com\r\nmax_age: 604800\r\n",
            out var error);

        Assert.Null(error);
        Assert.NotNull(policy);
        Assert.Equal(MtaStsMode.Enforce, policy.Mode);
        Assert.Equal(["mail.example.com", "*.example.net", "backupmx.example.com"], policy.MxPatterns);
        Assert.Equal(TimeSpan.FromSeconds(604800), policy.MaxAge);
    }

    [Theory]
    [InlineData("version: STSv1\nmode: testing\nmx: MX.Example.COM.\nmax_age: 0", "Testing")]
    [InlineData("version: STSv1\nmode: none\nmax_age: 31557600\n\n", "None")]
    [InlineData("mode:\tenforce  \nmax_age: 86400\nx-ext: any value\nmx: mx.example.com\nversion: STSv1\n", "Enforce")]
    public void TryParse_ValidVariants_AreAccepted(string text, string mode)
    {
        var policy = MtaStsPolicyParser.TryParse(text, out var error);

        Assert.True(policy is not null, error);
        Assert.Equal(Enum.Parse<MtaStsMode>(mode), policy.Mode);
        Assert.All(policy.MxPatterns, p => Assert.Equal(p.ToLowerInvariant().TrimEnd('.'), p));
    }

    [Theory]
    [InlineData("mode: enforce\nmx: a.example\nmax_age: 1", "no version")]
    [InlineData("version: STSv2\nmode: enforce\nmx: a.example\nmax_age: 1", "version is not STSv1")]
    [InlineData("version: STSv1\nmode: Enforce\nmx: a.example\nmax_age: 1", "mode is not")]
    [InlineData("version: STSv1\nmx: a.example\nmax_age: 1", "no mode")]
    [InlineData("version: STSv1\nmode: enforce\nmx: a.example", "no max_age")]
    [InlineData("version: STSv1\nmode: enforce\nmx: a.example\nmax_age: 31557601", "max_age")]
    [InlineData("version: STSv1\nmode: enforce\nmx: a.example\nmax_age: -1", "max_age")]
    [InlineData("version: STSv1\nmode: enforce\nmax_age: 1", "without any mx")]
    [InlineData("version: STSv1\nmode: enforce\nmx: a..example\nmax_age: 1", "mx 'a..example'")]
    [InlineData("version: STSv1\nmode: enforce\nmx: a.*.example\nmax_age: 1", "mx 'a.*.example'")]
    [InlineData("version: STSv1\nmode: enforce\nmode: none\nmx: a.example\nmax_age: 1", "'mode' appears more than once")]
    [InlineData("version: STSv1\nmode: enforce\n\nmx: a.example\nmax_age: 1", "line 3")]
    [InlineData("version: STSv1\nmode enforce\nmx: a.example\nmax_age: 1", "line 2")]
    [InlineData("version: STSv1\nmode: enforce\nmx: a.example\nmax_age: 1\n_bad: x", "line 5")]
    public void TryParse_InvalidPolicy_IsRefusedSayingWhy(string text, string reason)
    {
        Assert.Null(MtaStsPolicyParser.TryParse(text, out var error));
        Assert.Contains(reason, error, StringComparison.Ordinal);
    }
}
