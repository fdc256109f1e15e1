using Mailstrom.Functions.Hosting;
using Mailstrom.Functions.Tests.Infrastructure;
using Mailstrom.Http.Links;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Mailstrom.Functions.Tests.Hosting;

public sealed class AllowedHostsMiddlewareTests
{
    private static readonly IServiceProvider _problems = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();

    [Theory]
    [InlineData("evil.example")]
    [InlineData("evil.example:443")]
    [InlineData("mailstrom.example.net.evil.example")]
    [InlineData("")]
    public async Task Refuse_AHostNotAllowed_Is400ProblemNamingHost_WithoutReflectingIt(string host)
    {
        var exchange = HttpExchange.Create(_problems, "POST", "/api/emails");
        exchange.Request.Host = new HostString(host);

        var refusal = Middleware(new PublicUrlOptions { AllowedHosts = HttpExchange.Host }).Refuse(exchange.Context);

        var answer = await exchange.AnswerAsync(Assert.IsType<IResult>(refusal, exactMatch: false));
        answer.AssertProblem(StatusCodes.Status400BadRequest, "Host");
        Assert.DoesNotContain("evil", answer.Body, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(HttpExchange.Host)]
    [InlineData("MAILSTROM.example.NET:8443")]
    public void Refuse_AnAllowedHost_LetsTheFunctionRun(string host)
    {
        var exchange = HttpExchange.Create(_problems, "POST", "/api/emails");
        exchange.Request.Host = new HostString(host);

        Assert.Null(Middleware(new PublicUrlOptions { AllowedHosts = HttpExchange.Host }).Refuse(exchange.Context));
    }

    [Fact]
    public void Refuse_ByDefault_ServesLoopbackAndTheAppsAzureHostName()
    {
        var middleware = Middleware(new PublicUrlOptions { AzureHostName = "mailstrom-func.azurewebsites.net" });

        Assert.Null(middleware.Refuse(WithHost("localhost:7071")));
        Assert.Null(middleware.Refuse(WithHost("mailstrom-func.azurewebsites.net")));
        Assert.NotNull(middleware.Refuse(WithHost(HttpExchange.Host)));
    }

    [Fact]
    public void Refuse_ForAnInvocationWithoutHttp_LetsItRun() =>
        Assert.Null(Middleware(new PublicUrlOptions()).Refuse(http: null));

    private static AllowedHostsMiddleware Middleware(PublicUrlOptions options) =>
        new(new PublicOrigin(Options.Create(options), NullLogger<PublicOrigin>.Instance));

    private static HttpContext WithHost(string host)
    {
        var exchange = HttpExchange.Create(_problems, "GET", "/api/emails");
        exchange.Request.Host = new HostString(host);
        return exchange.Context;
    }
}
