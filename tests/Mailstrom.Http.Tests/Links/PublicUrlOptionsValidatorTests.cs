using Mailstrom.Http.Links;

namespace Mailstrom.Http.Tests.Links;

public sealed class PublicUrlOptionsValidatorTests
{
    [Theory]
    [InlineData(null, null)]
    [InlineData("", "")]
    [InlineData("https://mail.example.com", "mail.example.com;localhost")]
    [InlineData("http://example.com/mailstrom/", "*.example.com;127.0.0.1;[::1]")]
    [InlineData(null, "*")]
    public void ValidSettings_Pass(string? publicBaseUrl, string? allowedHosts) =>
        Assert.True(Validate(publicBaseUrl, allowedHosts).Succeeded);

    [Theory]
    [InlineData("mail.example.com", null, "Mailstrom:Api:PublicBaseUrl 'mail.example.com'")]
    [InlineData("ftp://mail.example.com", null, "Mailstrom:Api:PublicBaseUrl")]
    [InlineData("https://user:pw@mail.example.com", null, "without a query, fragment or user info")]
    [InlineData("https://mail.example.com/#top", null, "Mailstrom:Api:PublicBaseUrl")]
    [InlineData(null, ";;", "AllowedHosts lists no host")]
    [InlineData(null, "https://mail.example.com", "AllowedHosts entry 'https://mail.example.com'")]
    [InlineData(null, "mail.example.com:443", "AllowedHosts entry 'mail.example.com:443'")]
    [InlineData(null, "mail.example.com/api", "AllowedHosts entry")]
    [InlineData(null, "[not-an-ip]", "AllowedHosts entry")]
    public void InvalidSettings_FailNamingTheSetting(string? publicBaseUrl, string? allowedHosts, string message)
    {
        var result = Validate(publicBaseUrl, allowedHosts);

        Assert.True(result.Failed);
        Assert.Contains(message, result.FailureMessage, StringComparison.Ordinal);
    }

    private static Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? publicBaseUrl, string? allowedHosts) =>
        new PublicUrlOptionsValidator().Validate(null, new PublicUrlOptions { PublicBaseUrl = publicBaseUrl, AllowedHosts = allowedHosts });
}
