using Grpc.Net.Client;
using Mailstrom.Durable.Content;
using Mailstrom.Functions.Diagnostics;
using Mailstrom.Functions.Tests.Infrastructure;
using Mailstrom.Testing.Processes;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;

namespace Mailstrom.Functions.Tests.Diagnostics;

public sealed class HttpFailureMiddlewareTests
{
    private const string Secret = "storage account key is hunter2";
    private readonly FakeLogger<HttpFailureMiddleware> _log = new();

    [Fact]
    public async Task CreateEmail_WhenTheContentStoreFails_Is500ProblemWithoutInternals_AndTheFailureIsLogged()
    {
        await using var app = await FunctionsTestApp.StartAsync(services: s => s.AddSingleton<IMessageContentStore, FailingContentStore>());
        var exchange = app.JsonRequest("POST", "/api/emails", FunctionsTestApp.Email());

        var problem = await new HttpFailureMiddleware(_log).RunAsync(
            exchange.Context, "CreateEmail", () => app.Functions.CreateEmail(exchange.Request, app.Client, CancellationToken.None));

        var answer = await exchange.AnswerAsync(Assert.IsType<IResult>(problem, exactMatch: false));
        AssertInternalsHidden(answer, Secret, nameof(FailingContentStore), nameof(InvalidOperationException));
        var entry = Assert.Single(_log.Collector.GetSnapshot());
        Assert.Equal(LogLevel.Error, entry.Level);
        Assert.Equal(2200, entry.Id.Id);
        Assert.Contains("CreateEmail", entry.Message, StringComparison.Ordinal);
        Assert.Equal(Secret, entry.Exception?.Message);
    }

    [Fact]
    public async Task GetEmail_WhenTheTaskHubIsUnreachable_Is503WithRetryAfter_WithoutInternals_LoggedAsAWarningWithoutTheStack()
    {
        await using var app = await FunctionsTestApp.StartAsync();
        var port = LoopbackPorts.Free(); // nothing listens there
        await using var unreachable = new ServiceCollection()
            .AddLogging()
            .AddDurableTaskClient(b => b.UseGrpc(GrpcChannel.ForAddress($"http://127.0.0.1:{port}")))
            .BuildServiceProvider();
        var client = unreachable.GetRequiredService<DurableTaskClient>();
        var exchange = app.Request("GET", "/api/emails/0123456789abcdef0123456789abcdef");

        var problem = await new HttpFailureMiddleware(_log).RunAsync(
            exchange.Context, "GetEmail", () => app.Functions.GetEmail(exchange.Request, "0123456789abcdef0123456789abcdef", client, CancellationToken.None));

        var answer = await exchange.AnswerAsync(Assert.IsType<IResult>(problem, exactMatch: false));
        var body = answer.AssertProblem(StatusCodes.Status503ServiceUnavailable);
        Assert.Equal("https://tools.ietf.org/html/rfc9110#section-15.6.4", body.GetProperty("type").GetString());
        Assert.Equal("5", answer.Headers.RetryAfter.ToString());
        foreach (var text in new[] { "127.0.0.1", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "RpcException", "   at " })
        {
            Assert.DoesNotContain(text, answer.Body, StringComparison.Ordinal);
        }

        var entry = Assert.Single(_log.Collector.GetSnapshot());
        Assert.Equal(Microsoft.Extensions.Logging.LogLevel.Warning, entry.Level);
        Assert.Null(entry.Exception);
    }

    [Fact]
    public async Task RunAsync_DropsWhatTheFailedFunctionPutInTheResponse()
    {
        var exchange = HttpExchange.Create(new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider(), "POST", "/api/emails");

        var problem = await new HttpFailureMiddleware(_log).RunAsync(exchange.Context, "CreateEmail", () =>
        {
            exchange.Context.Response.StatusCode = StatusCodes.Status202Accepted;
            exchange.Context.Response.Headers.RetryAfter = "10";
            exchange.Context.Response.Headers.Location = "https://example.net/api/emails/1";
            throw new InvalidOperationException(Secret);
        });

        var answer = await exchange.AnswerAsync(Assert.IsType<IResult>(problem, exactMatch: false));
        AssertInternalsHidden(answer, Secret);
        Assert.False(answer.Headers.ContainsKey("Retry-After"));
        Assert.False(answer.Headers.ContainsKey("Location"));
    }

    [Fact]
    public async Task RunAsync_WhenTheResponseHasStarted_LetsTheExceptionThrough()
    {
        var exchange = HttpExchange.Create(new ServiceCollection().BuildServiceProvider(), "GET", "/api/emails");
        exchange.Context.Features.Set<Microsoft.AspNetCore.Http.Features.IHttpResponseFeature>(new StartedResponse());

        await Assert.ThrowsAsync<InvalidOperationException>(
            () => new HttpFailureMiddleware(_log).RunAsync(exchange.Context, "ListEmails", () => throw new InvalidOperationException(Secret)));
    }

    [Fact]
    public async Task RunAsync_WhenTheFunctionCompletes_AnswersNothingOfItsOwn()
    {
        var exchange = HttpExchange.Create(new ServiceCollection().BuildServiceProvider(), "GET", "/api/emails");

        var problem = await new HttpFailureMiddleware(_log).RunAsync(exchange.Context, "ListEmails", () => Task.CompletedTask);

        Assert.Null(problem);
        Assert.Empty(_log.Collector.GetSnapshot());
    }

    [Fact]
    public async Task RunAsync_ForAnOrchestratorOrActivity_LetsTheExceptionThrough()
    {
        var failure = new InvalidOperationException(Secret);

        var thrown = await Assert.ThrowsAsync<InvalidOperationException>(
            () => new HttpFailureMiddleware(_log).RunAsync(http: null, "Deliver", () => Task.FromException(failure)));

        Assert.Same(failure, thrown);
        Assert.Empty(_log.Collector.GetSnapshot());
    }

    [Fact]
    public async Task RunAsync_WhenTheClientHasGoneAway_AnswersNothing_AndLogsNoError()
    {
        var exchange = HttpExchange.Create(new ServiceCollection().BuildServiceProvider(), "GET", "/api/emails");
        using var aborted = new CancellationTokenSource();
        exchange.Context.RequestAborted = aborted.Token;
        await aborted.CancelAsync();

        var answer = await new HttpFailureMiddleware(_log).RunAsync(exchange.Context, "GetEmail", () => Task.FromCanceled(aborted.Token));

        var status = Assert.IsAssignableFrom<IStatusCodeHttpResult>(answer);
        Assert.Equal(StatusCodes.Status499ClientClosedRequest, status.StatusCode);
        AssertNothingAtErrorLevel();
    }

    [Fact]
    public async Task RunAsync_WhenTheConnectionWasReset_BeforeTheAbortIsSignalled_AnswersNothing_AndLogsNoError()
    {
        var exchange = HttpExchange.Create(new ServiceCollection().BuildServiceProvider(), "POST", "/api/emails");

        var answer = await new HttpFailureMiddleware(_log).RunAsync(exchange.Context, "CreateEmail",
            () => throw new Microsoft.AspNetCore.Connections.ConnectionResetException("reset by peer"));

        Assert.Equal(StatusCodes.Status499ClientClosedRequest, Assert.IsAssignableFrom<IStatusCodeHttpResult>(answer).StatusCode);
        AssertNothingAtErrorLevel();
    }

    [Theory]
    [InlineData(StatusCodes.Status400BadRequest)]
    [InlineData(StatusCodes.Status408RequestTimeout)]
    [InlineData(StatusCodes.Status413PayloadTooLarge)]
    [InlineData(StatusCodes.Status431RequestHeaderFieldsTooLarge)]
    public async Task RunAsync_WhenTheRequestCouldNotBeRead_AnswersItsStatus_AsAProblem_LoggedBelowError(int status)
    {
        var exchange = HttpExchange.Create(new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider(), "POST", "/api/emails");

        var result = await new HttpFailureMiddleware(_log).RunAsync(exchange.Context, "CreateEmail",
            () => throw new BadHttpRequestException("Bad chunk size data.\r\nforged", status));

        var answer = await exchange.AnswerAsync(Assert.IsType<IResult>(result, exactMatch: false));
        var problem = answer.AssertProblem(status);
        Assert.DoesNotContain("forged", answer.Body, StringComparison.Ordinal);
        Assert.False(problem.TryGetProperty("exception", out _));
        var entry = Assert.Single(_log.Collector.GetSnapshot());
        Assert.Equal(LogLevel.Information, entry.Level);
        Assert.Null(entry.Exception);
        Assert.Contains(@"Bad chunk size data.\r\nforged", entry.Message, StringComparison.Ordinal);
    }

    private void AssertNothingAtErrorLevel() =>
        Assert.DoesNotContain(_log.Collector.GetSnapshot(), e => e.Level >= LogLevel.Error || e.Exception is not null);

    private static void AssertInternalsHidden(HttpAnswer answer, params string[] internals)
    {
        var problem = answer.AssertProblem(StatusCodes.Status500InternalServerError);
        Assert.Equal("https://tools.ietf.org/html/rfc9110#section-15.6.1", problem.GetProperty("type").GetString());
        Assert.False(problem.TryGetProperty("detail", out _), $"the 500 has a detail: {answer.Body}");
        foreach (var text in internals.Append("   at "))
        {
            Assert.DoesNotContain(text, answer.Body, StringComparison.Ordinal);
        }
    }

    private sealed class StartedResponse : Microsoft.AspNetCore.Http.Features.HttpResponseFeature
    {
        public override bool HasStarted => true;
    }

    private sealed class FailingContentStore : IMessageContentStore
    {
        public Task PutAsync(string emailId, ReadOnlyMemory<byte> content, string? fingerprint, CancellationToken cancellationToken) =>
            throw new InvalidOperationException(Secret);

        public Task<ReadOnlyMemory<byte>?> GetAsync(string emailId, CancellationToken cancellationToken) => throw new InvalidOperationException(Secret);

        public Task DeleteAsync(string emailId, DateTimeOffset? tombstoneUntil, CancellationToken cancellationToken) => throw new InvalidOperationException(Secret);

        public Task<StartLock?> TryLockAsync(string emailId, CancellationToken cancellationToken) => throw new InvalidOperationException(Secret);
    }
}
