using Mailstrom.Http.Links;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;

namespace Mailstrom.Functions.Hosting;

/// <summary>
/// Refuses, with 400 problem details naming <c>Host</c>, every HTTP invocation whose <c>Host</c> is missing, empty or
/// not in <c>AllowedHosts</c> (<see cref="PublicOrigin"/>), as the server does, before the function runs. Invocations
/// without an HTTP context (orchestrators, activities) pass through.
/// </summary>
internal sealed class AllowedHostsMiddleware : IFunctionsWorkerMiddleware
{
    private readonly PublicOrigin _origin;

    /// <summary>Creates the middleware.</summary>
    /// <param name="origin">The served hosts.</param>
    public AllowedHostsMiddleware(PublicOrigin origin)
    {
        _origin = origin;
    }

    /// <inheritdoc />
    public Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (Refuse(context.GetHttpContext()) is { } problem)
        {
            context.GetInvocationResult().Value = problem;
            return Task.CompletedTask;
        }

        return next(context);
    }

    /// <summary>The refusal of an HTTP invocation whose host is not served, or <see langword="null"/> to run the function.</summary>
    /// <param name="http">The invocation's HTTP context, or <see langword="null"/> for a non-HTTP trigger.</param>
    /// <returns>The 400 problem, or <see langword="null"/>.</returns>
    public IResult? Refuse(HttpContext? http) => http is null ? null : _origin.Refuse(http.Request)?.ToResult();
}
