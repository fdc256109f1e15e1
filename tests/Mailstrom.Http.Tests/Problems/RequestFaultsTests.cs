using Mailstrom.Composition;
using Mailstrom.Http.Problems;
using Mailstrom.Model;
using Mailstrom.Storage;
using Mailstrom.Submission;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Logging;

namespace Mailstrom.Http.Tests.Problems;

public sealed class RequestFaultsTests
{
    public static TheoryData<Exception, string, int> WhileTheClientIsThere => new()
    {
        { new BadHttpRequestException("Bad chunk size data.", 400), nameof(FaultKind.Client), 400 },
        { new BadHttpRequestException("Reading the request body timed out due to data arriving too slowly.", 408), nameof(FaultKind.Client), 408 },
        { new BadHttpRequestException("Request body too large.", 413), nameof(FaultKind.Client), 413 },
        { new BadHttpRequestException("Request headers too long.", 431), nameof(FaultKind.Client), 431 },
        { new BadHttpRequestException("A 5xx is never the client's.", 503), nameof(FaultKind.Client), 400 },
        { new ConnectionResetException("reset"), nameof(FaultKind.ClientGone), 499 },
        { new ConnectionAbortedException("aborted"), nameof(FaultKind.ClientGone), 499 },
        { new IOException("disk"), nameof(FaultKind.Server), 500 },
        { new OperationCanceledException(), nameof(FaultKind.Server), 500 },
        { new InvalidOperationException("bug"), nameof(FaultKind.Server), 500 },
        { new EmailValidationException("to[0]", "not an address"), nameof(FaultKind.Client), 400 },
        { new EmailValidationException("attachments", "too large", ValidationErrorKind.TooLarge), nameof(FaultKind.Client), 413 },
        { new InvalidContinuationTokenException("foreign token"), nameof(FaultKind.Client), 400 },
        { new IdempotencyConflictException(), nameof(FaultKind.Client), 409 },
        { new StoreUnavailableException("busy", new IOException("locked")), nameof(FaultKind.Unavailable), 503 },
    };

    public static TheoryData<Exception, int, string?> EngineRefusals => new()
    {
        { new EmailValidationException("to[0]", "The address is not valid."), 400, "to[0]" },
        { new IdempotencyConflictException(), 409, "Idempotency-Key" },
        { new InvalidContinuationTokenException("foreign token"), 400, "x-ms-continuation-token" },
    };

    [Theory]
    [MemberData(nameof(EngineRefusals))]
    public void Answer_ForAnEngineRefusal_NamesTheFieldToFix_LoggedAtInformation(Exception exception, int status, string? field)
    {
        var logger = new ListLogger();
        var fault = RequestFaults.Classify(exception, CancellationToken.None);

        var problem = RequestFaults.Answer(fault, exception, Request("/api/emails"), logger);

        Assert.Equal(status, problem!.Status);
        Assert.Equal(field, problem.Field);
        Assert.Equal(LogLevel.Information, Assert.Single(logger.Entries).Level);
    }

    [Fact]
    public void Answer_WhenTheStoreIsUnavailable_Is503WithRetryAfter_LoggedAsAWarningWithoutTheStackOrTheCausesMessage()
    {
        var logger = new ListLogger();
        var request = Request("/api/emails");
        var exception = new StoreUnavailableException("busy", new IOException("/var/lib/secret/path is locked"));

        var problem = RequestFaults.Answer(RequestFaults.Classify(exception, CancellationToken.None), exception, request, logger);

        Assert.Equal(503, problem!.Status);
        Assert.Equal("5", request.HttpContext.Response.Headers.RetryAfter.ToString());
        Assert.DoesNotContain("secret", problem.Detail, StringComparison.Ordinal);
        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Warning, entry.Level);
        Assert.Null(entry.Exception);
        Assert.Contains("IOException", entry.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret", entry.Message, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(WhileTheClientIsThere))]
    public void Classify_TellsTheClientsFaultFromTheServers(Exception exception, string kind, int status) =>
        Assert.Equal(new RequestFault(Enum.Parse<FaultKind>(kind), status), RequestFaults.Classify(exception, CancellationToken.None));

    [Theory]
    [InlineData(typeof(OperationCanceledException))]
    [InlineData(typeof(IOException))]
    [InlineData(typeof(BadHttpRequestException))]
    public void Classify_OnceTheRequestIsAborted_ReadFailuresAreTheClientGoingAway(Type type)
    {
        using var aborted = new CancellationTokenSource();
        aborted.Cancel();
        var exception = (Exception)Activator.CreateInstance(type, "gone")!;

        Assert.Equal(FaultKind.ClientGone, RequestFaults.Classify(exception, aborted.Token).Kind);
    }

    [Theory]
    [InlineData(400, "framing")]
    [InlineData(408, "minimum data rate")]
    [InlineData(413, "larger than the server accepts")]
    [InlineData(431, "header fields")]
    public void Answer_ForAClientFault_IsItsProblem_LoggedAtInformationWithoutTheException_AndEscaped(int status, string detail)
    {
        var logger = new ListLogger();
        var exception = new BadHttpRequestException("Invalid request line: 'GET /\r\nX-Forged: 1'", status);

        var problem = RequestFaults.Answer(new RequestFault(FaultKind.Client, status), exception, Request("/api/emails/\r\nX-Forged: 1"), logger);

        Assert.Equal(status, problem!.Status);
        Assert.Contains(detail, problem.Detail, StringComparison.Ordinal);
        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Information, entry.Level);
        Assert.Null(entry.Exception);
        Assert.DoesNotContain('\r', entry.Message);
        Assert.DoesNotContain('\n', entry.Message);
        Assert.Contains(@"\r\nX-Forged: 1", entry.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Answer_ForAClientThatWentAway_IsNothing_TheRequestIsAborted_AndItIsLoggedAtDebug()
    {
        var logger = new ListLogger();
        var request = Request("/api/emails");
        var lifetime = new AbortRecorder();
        request.HttpContext.Features.Set<IHttpRequestLifetimeFeature>(lifetime);

        var problem = RequestFaults.Answer(new RequestFault(FaultKind.ClientGone, 499), new ConnectionResetException("reset"), request, logger);

        Assert.Null(problem);
        Assert.True(lifetime.Aborted);
        var entry = Assert.Single(logger.Entries);
        Assert.Equal(LogLevel.Debug, entry.Level);
        Assert.Null(entry.Exception);
    }

    private static HttpRequest Request(string path)
    {
        var request = new DefaultHttpContext().Request;
        request.Method = HttpMethods.Post;
        request.Path = path;
        return request;
    }

    private sealed class AbortRecorder : IHttpRequestLifetimeFeature
    {
        public bool Aborted { get; private set; }

        public CancellationToken RequestAborted { get; set; }

        public void Abort() => Aborted = true;
    }

    private sealed class ListLogger : ILogger
    {
        public List<(LogLevel Level, string Message, Exception? Exception)> Entries { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            Entries.Add((logLevel, formatter(state, exception), exception));
    }
}
