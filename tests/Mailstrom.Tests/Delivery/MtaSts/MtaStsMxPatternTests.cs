using Mailstrom.Delivery.MtaSts;

namespace Mailstrom.Tests.Delivery.MtaSts;

public sealed class MtaStsMxPatternTests
{
    [Theory]
    [InlineData("mx.example.com", "mx.example.com", true)]
    [InlineData("mx.example.com", "MX.Example.com.", true)]
    [InlineData("mx.example.com", "mx2.example.com", false)]
    [InlineData("*.example.com", "mx.example.com", true)]
    [InlineData("*.example.com", "MX1.EXAMPLE.COM", true)]
    [InlineData("*.example.com", "a.b.example.com", false)]   // one label only (RFC 8461 §4.1)
    [InlineData("*.example.com", "example.com", false)]
    [InlineData("*.example.com", "mxexample.com", false)]
    [InlineData("*.example.com", ".example.com", false)]
    [InlineData("*.", "example.com", false)]
    public void Matches_FollowsRfc8461(string pattern, string host, bool expected) =>
        Assert.Equal(expected, MtaStsMxPattern.Matches(pattern, host));
}
