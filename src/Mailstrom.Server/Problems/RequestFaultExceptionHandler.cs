using Mailstrom.Http.Problems;
using Microsoft.AspNetCore.Diagnostics;

namespace Mailstrom.Server.Problems;

/// <summary>
/// Answers an exception that is the client's fault with its 4xx problem details instead of 500 (a malformed chunked body,
/// a body that ends early, one slower than Kestrel's minimum data rate, oversized trailers: any
/// <see cref="BadHttpRequestException"/>), and one from a client that went away with nothing, as
/// <see cref="RequestFaults"/> classifies them. Neither is logged as an error or with a stack trace. Any other exception
/// is left to the default handler: 500 problem details without internals, logged as an error.
/// </summary>
internal sealed class RequestFaultExceptionHandler(ILogger<RequestFaultExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var fault = RequestFaults.Classify(exception, httpContext.RequestAborted);
        if (fault.Kind == FaultKind.Server)
        {
            return false;
        }

        var problem = RequestFaults.Answer(fault, exception, httpContext.Request, logger);
        if (!httpContext.Response.HasStarted)
        {
            httpContext.Response.StatusCode = fault.Status;
            if (problem is not null)
            {
                await problem.ToResult().ExecuteAsync(httpContext);
            }
        }

        return true;
    }
}
