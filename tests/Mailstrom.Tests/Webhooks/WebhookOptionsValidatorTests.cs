using Mailstrom.Webhooks;

namespace Mailstrom.Tests.Webhooks;

public sealed class WebhookOptionsValidatorTests
{
    private static WebhookOptions With(string url, string? secret = null, bool allowHttp = false, bool allowPrivate = false, params string[] events)
    {
        var options = new WebhookOptions { AllowHttp = allowHttp, AllowPrivateDestinations = allowPrivate };
        options.Endpoints["crm"] = new WebhookEndpointOptions { Url = url, Secret = secret ?? WebhookTestSecrets.Current, Events = events };
        return options;
    }

    private static List<string> Failures(WebhookOptions options) =>
        new WebhookOptionsValidator().Validate(null, new MailstromOptions { Webhooks = options }).Failures?.ToList() ?? [];

    [Fact]
    public void Validate_NoEndpoints_Succeeds()
    {
        Assert.Empty(Failures(new WebhookOptions()));
    }

    [Fact]
    public void Validate_HttpsEndpointWithSecret_Succeeds()
    {
        Assert.Empty(Failures(With("https://hooks.example.com/mailstrom", events: ["recipient.delivered", "email.completed"])));
    }

    [Fact]
    public void Validate_HttpUrl_IsRefusedUnlessAllowHttp()
    {
        var failure = Assert.Single(Failures(With("http://hooks.example.com/mailstrom")));

        Assert.StartsWith("Mailstrom:Webhooks:Endpoints:crm:Url", failure, StringComparison.Ordinal);
        Assert.Contains("Mailstrom:Webhooks:AllowHttp", failure, StringComparison.Ordinal);
        Assert.Empty(Failures(With("http://hooks.example.com/mailstrom", allowHttp: true)));
    }

    [Theory]
    [InlineData("https://127.0.0.1/hooks")]
    [InlineData("https://10.1.2.3/hooks")]
    [InlineData("https://[::1]/hooks")]
    [InlineData("https://169.254.169.254/latest")]
    public void Validate_LiteralNonPublicAddress_IsRefusedUnlessAllowPrivateDestinations(string url)
    {
        var failure = Assert.Single(Failures(With(url)));

        Assert.Contains("Mailstrom:Webhooks:AllowPrivateDestinations", failure, StringComparison.Ordinal);
        Assert.Empty(Failures(With(url, allowPrivate: true)));
    }

    [Theory]
    [InlineData("", "is required")]
    [InlineData("/relative", "is not an absolute http(s) URL")]
    [InlineData("ftp://hooks.example.com/", "is not an absolute http(s) URL")]
    [InlineData("https://user:pw@hooks.example.com/", "must not carry credentials")]
    public void Validate_BadUrl_SaysWhy(string url, string expected)
    {
        Assert.Contains(expected, Assert.Single(Failures(With(url))), StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BadSecret_NamesTheKey_AndNeverQuotesTheSecret()
    {
        const string secret = "whsec_dG9vLXNob3J0LXNlY3JldA==";

        var failure = Assert.Single(Failures(With("https://hooks.example.com/", secret)));

        Assert.StartsWith("Mailstrom:Webhooks:Endpoints:crm:Secret", failure, StringComparison.Ordinal);
        Assert.DoesNotContain("dG9vLXNob3J0", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_UnknownEventType_ListsTheValidOnes()
    {
        var failure = Assert.Single(Failures(With("https://hooks.example.com/", events: ["recipient.delivered", "recipient.suppressed"])));

        Assert.StartsWith("Mailstrom:Webhooks:Endpoints:crm:Events:1 ('recipient.suppressed')", failure, StringComparison.Ordinal);
        Assert.Contains("email.terminated", failure, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_BadEndpointNameAndRetryDelays_AreEachReported()
    {
        var options = With("https://hooks.example.com/");
        options.Endpoints["bad name!"] = options.Endpoints["crm"];
        options.InitialRetryDelay = TimeSpan.FromHours(2);

        var failures = Failures(options);

        Assert.Contains(failures, f => f.StartsWith("Mailstrom:Webhooks:Endpoints:bad name!: an endpoint name", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith("Mailstrom:Webhooks:InitialRetryDelay", StringComparison.Ordinal));
    }
}
