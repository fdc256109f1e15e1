using Mailstrom.Composition;

namespace Mailstrom.Tests.Composition;

public sealed class HostNameRulesTests
{
    [Theory]
    [InlineData("example.com", "example.com")]
    [InlineData("EXAMPLE.Com", "example.com")]
    [InlineData("mx-1.mail.example.co.uk", "mx-1.mail.example.co.uk")]
    [InlineData("bücher.de", "xn--bcher-kva.de")]
    [InlineData("BÜCHER.de", "xn--bcher-kva.de")]
    [InlineData("例子.广告", "xn--fsqu00a.xn--4rr70v")]
    [InlineData("3com.com", "3com.com")]
    public void TryNormalize_WhenValid_ReturnsLowerCaseAscii(string domain, string expected)
    {
        Assert.Null(HostNameRules.TryNormalize(domain, out var ascii));
        Assert.Equal(expected, ascii);
    }

    [Theory]
    [InlineData("", "has no domain")]
    [InlineData("[192.0.2.1]", "IP-literal")]
    [InlineData("localhost", "fully qualified")]
    [InlineData("-a.com", "not a valid host name")]
    [InlineData("a-.com", "not a valid host name")]
    [InlineData("a_b.com", "not a valid host name")]
    [InlineData("a..com", "not a valid host name")]
    [InlineData("example.42", "numeric")]
    [InlineData("exa\u00admple.com", "invisible formatting")]
    [InlineData("exa mple.com", "space")]
    public void TryNormalize_WhenInvalid_SaysWhy(string domain, string fragment)
    {
        var error = HostNameRules.TryNormalize(domain, out var ascii);

        Assert.NotNull(error);
        Assert.Contains(fragment, error, StringComparison.Ordinal);
        Assert.Equal(string.Empty, ascii);
    }

    [Fact]
    public void CheckAsciiHostName_WhenLabelIsSixtyThree_Accepts()
    {
        Assert.Null(HostNameRules.CheckAsciiHostName(new string('a', 63) + ".com"));
    }

    [Fact]
    public void CheckAsciiHostName_WhenLabelIsSixtyFour_Rejects()
    {
        Assert.NotNull(HostNameRules.CheckAsciiHostName(new string('a', 64) + ".com"));
    }

    [Fact]
    public void CheckAsciiHostName_WhenLongerThan253_Rejects()
    {
        var host = string.Join('.', Enumerable.Repeat(new string('a', 63), 4)) + ".com";

        Assert.Contains("253", HostNameRules.CheckAsciiHostName(host), StringComparison.Ordinal);
    }
}
