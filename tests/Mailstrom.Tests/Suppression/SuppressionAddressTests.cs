using Mailstrom.Suppression;

namespace Mailstrom.Tests.Suppression;

public sealed class SuppressionAddressTests
{
    [Theory]
    [InlineData("someone@example.com", "someone@example.com")]
    [InlineData("Someone@Example.COM", "Someone@example.com")]
    [InlineData("a.b+tag@Sub.Example.com.", "a.b+tag@sub.example.com")]
    [InlineData("\"odd@local\"@example.com", "\"odd@local\"@example.com")]
    [InlineData("jörg@bücher.example", "jörg@xn--bcher-kva.example")]
    public void TryNormalize_WellFormed_LowersTheDomainOnly(string address, string expected)
    {
        Assert.True(SuppressionAddress.TryNormalize(address, out var normalized));
        Assert.Equal(expected, normalized);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("no-at-sign")]
    [InlineData("@example.com")]
    [InlineData("user@")]
    [InlineData("user@exa mple.com")]
    [InlineData("us er@example.com")]
    [InlineData("user@example..com")]
    [InlineData("user\n@example.com")]
    [InlineData("user@\u202e.test")]
    [InlineData("user@exa\u200bmple.com")]
    [InlineData("user@example.123")]
    [InlineData("user@localhost")]
    [InlineData("user@[127.0.0.1]")]
    [InlineData("user@-example.com")]
    [InlineData("éééééééééééééééééééééééééééééééééé@example.com")]
    public void TryNormalize_Malformed_IsRefused(string? address)
    {
        Assert.False(SuppressionAddress.TryNormalize(address, out _));
    }

    [Fact]
    public void TryNormalize_TooLong_IsRefused()
    {
        Assert.False(SuppressionAddress.TryNormalize(new string('a', 310) + "@example.com", out _));
    }
}
