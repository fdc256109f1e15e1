using Mailstrom.Http.Problems;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.Extensions.Logging;

namespace Mailstrom.Functions.Diagnostics;

/// <summary>
/// Answers an exception escaping an HTTP function the way the server's exception handler does, after
/// <see cref="RequestFaults"/> has said whose fault it is: a client's fault (a request Kestrel could not read, too slow,
/// too large) with its 4xx problem details, logged at Information; a client that went away with nothing, logged at
/// Debug; anything else with a 500 problem details without internals (no message, type or stack trace), the exception
/// logged as an error. The worker's ASP.NET Core pipeline cannot be given an exception handler, so this is a worker
/// middleware: registered after <c>ConfigureFunctionsWebApplication()</c>, it runs inside the HTTP proxying middleware,
/// which then writes the result it sets. Orchestrator and activity functions have no HTTP context and their exceptions
/// pass through: Durable Task records and retries them.
/// </summary>
internal sealed class HttpFailureMiddleware : IFunctionsWorkerMiddleware
{
    private readonly ILogger _logger;

    /// <summary>Creates the middleware.</summary>
    /// <param name="logger">Where failures are logged.</param>
    public HttpFailureMiddleware(ILogger<HttpFailureMiddleware> logger)
    {
        _logger = logger;
    }

    /// <inheritdoc />
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (await RunAsync(context.GetHttpContext(), context.FunctionDefinition.Name, () => next(context)) is { } problem)
        {
            context.GetInvocationResult().Value = problem;
        }
    }

    /// <summary>
    /// Runs a function. When an HTTP invocation fails before anything has been sent, whatever the function put in the
    /// response (headers such as <c>Retry-After</c>) is cleared and the failure becomes the answer; otherwise the exception
    /// passes through.
    /// </summary>
    /// <param name="http">The invocation's HTTP context, or <see langword="null"/> for a non-HTTP trigger.</param>
    /// <param name="function">The function's name, for the log.</param>
    /// <param name="next">Runs the function.</param>
    /// <returns>
    /// The answer to a failed invocation (a 4xx or 500 problem, or an empty 499 when the client has gone), or
    /// <see langword="null"/> when the function completed.
    /// </returns>
    public async Task<IResult?> RunAsync(HttpContext? http, string function, Func<Task> next)
    {
        ArgumentNullException.ThrowIfNull(next);
        try
        {
            await next();
            return null;
        }
        catch (Exception ex) when (http is not null && !http.Response.HasStarted)
        {
            http.Response.Clear();
            var fault = RequestFaults.Classify(ex, http.RequestAborted);
            if (fault.Kind != FaultKind.Server)
            {
                return RequestFaults.Answer(fault, ex, http.Request, _logger) is { } problem
                    ? problem.ToResult()
                    : TypedResults.StatusCode(fault.Status);
            }

            Log.HttpFunctionFailed(_logger, function, ex);
            return Problem();
        }
    }

    /// <summary>The answer to an HTTP invocation that failed on the server's side: the server's 500 problem details.</summary>
    /// <returns>The result.</returns>
    public static IResult Problem()
    {
        var (type, title) = ApiProblem.Describe(StatusCodes.Status500InternalServerError);
        return TypedResults.Problem(statusCode: StatusCodes.Status500InternalServerError, title: title, type: type);
    }
}
