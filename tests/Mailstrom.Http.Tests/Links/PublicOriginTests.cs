using Mailstrom.Http.Links;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Mailstrom.Http.Tests.Links;

public sealed class PublicOriginTests
{
    [Theory]
    [InlineData("localhost")]
    [InlineData("localhost:7071")]
    [InlineData("LOCALHOST:7071")]
    [InlineData("127.0.0.1:8080")]
    [InlineData("[::1]:7071")]
    public void ByDefault_TheLoopbackNamesAreServed_AndLinksUseThem(string host)
    {
        var origin = Origin();

        Assert.Equal($"http://{host}", origin.BaseUrl(Request(host)));
    }

    [Theory]
    [InlineData("evil.example")]
    [InlineData("evil.example:7071")]
    [InlineData("localhost.evil.example")]
    [InlineData("evillocalhost")]
    [InlineData("127.0.0.2")]
    [InlineData("[::2]")]
    [InlineData("localhost:0")]
    [InlineData("localhost:65536")]
    [InlineData("localhost:7x")]
    [InlineData("")]
    public void ByDefault_AnyOtherHost_HasNoBaseUrl_AndIsRefusedWithoutQuotingIt(string host)
    {
        var origin = Origin();

        Assert.Null(origin.BaseUrl(Request(host)));
        var problem = origin.Refuse(Request(host));
        Assert.Equal(StatusCodes.Status400BadRequest, problem!.Status);
        Assert.Equal("Host", problem.Field);
        Assert.DoesNotContain("evil", problem.Detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("localhost")]
    [InlineData("mail.example.com")]
    public void APublicBaseUrl_IsEveryLinksBase_WhateverTheRequestSays(string host)
    {
        var origin = Origin(new PublicUrlOptions { PublicBaseUrl = "https://mail.example.com/mailstrom/" });
        var request = Request(host);
        request.Scheme = "http";
        request.PathBase = "/elsewhere";

        Assert.Equal("https://mail.example.com/mailstrom", origin.BaseUrl(request));
    }

    [Fact]
    public void APublicBaseUrl_DoesNotMakeOtherHostsServed() =>
        Assert.Null(Origin(new PublicUrlOptions { PublicBaseUrl = "https://mail.example.com" }).BaseUrl(Request("evil.example")));

    [Fact]
    public void AnyHostAllowed_WithAPublicBaseUrl_ServesEveryHost_ButLinksNeverCarryIt()
    {
        var origin = Origin(new PublicUrlOptions { AllowedHosts = "*", PublicBaseUrl = "https://mail.example.com" });

        Assert.True(origin.AllowsAnyHost);
        Assert.Equal("https://mail.example.com", origin.BaseUrl(Request("evil.example")));
    }

    [Theory]
    [InlineData("mail.example.com", "mail.example.com", true)]
    [InlineData("mail.example.com", "MAIL.example.com:443", true)]
    [InlineData("mail.example.com", "localhost", false)]
    [InlineData("*.example.com", "a.example.com", true)]
    [InlineData("*.example.com", "a.b.example.com", true)]
    [InlineData("*.example.com", "example.org", false)]
    [InlineData("mail.example.com; localhost", "localhost", true)]
    public void AllowedHosts_AreMatchedAsAspNetCoreDoes_CaseInsensitively_IgnoringThePort(string allowed, string host, bool served) =>
        Assert.Equal(served, Origin(new PublicUrlOptions { AllowedHosts = allowed }).BaseUrl(Request(host)) is not null);

    [Fact]
    public void OnAzure_TheAppsOwnHostName_IsServedByDefault()
    {
        var origin = Origin(new PublicUrlOptions { AzureHostName = "mailstrom-func.azurewebsites.net" });

        Assert.Equal("https://mailstrom-func.azurewebsites.net", origin.BaseUrl(Request("mailstrom-func.azurewebsites.net", "https")));
    }

    [Fact]
    public void AnotherScheme_HasNoBaseUrl() =>
        Assert.Null(Origin().BaseUrl(Request("localhost", "ftp")));

    private static PublicOrigin Origin(PublicUrlOptions? options = null) =>
        new(Options.Create(options ?? new PublicUrlOptions()), NullLogger<PublicOrigin>.Instance);

    private static HttpRequest Request(string host, string scheme = "http")
    {
        var request = new DefaultHttpContext().Request;
        request.Scheme = scheme;
        request.Host = new HostString(host);
        request.Method = HttpMethods.Post;
        request.Path = "/api/emails";
        return request;
    }
}
