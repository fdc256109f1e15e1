using System.Globalization;
using Mailstrom.Composition;
using Mailstrom.Http.Bodies;
using Mailstrom.Http.Diagnostics;
using Mailstrom.Http.Emails;
using Mailstrom.Model;
using Mailstrom.Storage;
using Mailstrom.Submission;
using Microsoft.AspNetCore.Connections;
using Microsoft.Extensions.Logging;

namespace Mailstrom.Http.Problems;

/// <summary>Whose fault an exception that escaped a request is.</summary>
internal enum FaultKind
{
    /// <summary>The server's: answered 500 without internals and logged as an error.</summary>
    Server,

    /// <summary>The client's: a malformed, too slow or too large request; answered with its 4xx and logged at Information.</summary>
    Client,

    /// <summary>The client went away (reset, closed or aborted the request): nobody to answer; logged at Debug.</summary>
    ClientGone,

    /// <summary>The store cannot serve now (<see cref="StoreUnavailableException"/>): 503 with <c>Retry-After</c>, logged at Warning without the stack.</summary>
    Unavailable,
}

/// <summary>An exception's classification: whose fault, and the status to answer with.</summary>
/// <param name="Kind">Whose fault.</param>
/// <param name="Status">500 for the server's, the 4xx for the client's, 499 when the client has gone, 503 when the store cannot serve.</param>
internal readonly record struct RequestFault(FaultKind Kind, int Status);

/// <summary>
/// The one place that maps an exception escaping a request to its answer, for the server's exception handler and the
/// Functions app's failure middleware alike. The engine's exceptions are sorted by what the caller does next: fix the
/// request (<see cref="EmailValidationException"/> 400 or 413, <see cref="InvalidContinuationTokenException"/> 400), use
/// another idempotency key (<see cref="IdempotencyConflictException"/> 409), or try again later
/// (<see cref="StoreUnavailableException"/> 503 with <c>Retry-After</c>); "not found" is a result, not an exception. Kestrel reports a request it cannot read
/// (malformed chunked framing, a body that ends before its <c>Content-Length</c>, a body slower than the minimum data rate,
/// oversized trailers) as <see cref="BadHttpRequestException"/> carrying the 4xx to answer; a client that resets or closes
/// the connection surfaces as <see cref="ConnectionResetException"/>, <see cref="ConnectionAbortedException"/>, or an
/// <see cref="IOException"/> or cancellation once <c>RequestAborted</c> has fired. None of these is logged as an error or
/// with a stack trace, and none is answered with 500.
/// </summary>
internal static class RequestFaults
{
    /// <summary>The status recorded (never sent) for a request whose client went away, as nginx and ASP.NET Core do.</summary>
    public const int ClientClosedRequest = StatusCodes.Status499ClientClosedRequest;

    /// <summary>How long a client is asked to wait when the store cannot serve.</summary>
    public const int UnavailableRetryAfterSeconds = 5;

    /// <summary>Classifies an exception that escaped a request.</summary>
    /// <param name="exception">The exception.</param>
    /// <param name="requestAborted">The request's <c>RequestAborted</c> token.</param>
    /// <returns>Whose fault it is and the status to answer with.</returns>
    public static RequestFault Classify(Exception exception, CancellationToken requestAborted)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is ConnectionResetException or ConnectionAbortedException
            || (requestAborted.IsCancellationRequested && exception is OperationCanceledException or IOException or BadHttpRequestException))
        {
            return new RequestFault(FaultKind.ClientGone, ClientClosedRequest);
        }

        return exception switch
        {
            EmailValidationException { Kind: ValidationErrorKind.TooLarge } => new RequestFault(FaultKind.Client, StatusCodes.Status413PayloadTooLarge),
            EmailValidationException or InvalidContinuationTokenException => new RequestFault(FaultKind.Client, StatusCodes.Status400BadRequest),
            IdempotencyConflictException => new RequestFault(FaultKind.Client, StatusCodes.Status409Conflict),
            StoreUnavailableException => new RequestFault(FaultKind.Unavailable, StatusCodes.Status503ServiceUnavailable),
            BadHttpRequestException bad =>
                new RequestFault(FaultKind.Client, bad.StatusCode is >= 400 and < 500 ? bad.StatusCode : StatusCodes.Status400BadRequest),
            _ => new RequestFault(FaultKind.Server, StatusCodes.Status500InternalServerError),
        };
    }

    /// <summary>
    /// Logs a fault of the client's (at Information, or Debug when the client has gone; never with the exception) and
    /// returns the refusal to answer with; a request whose client has gone is aborted instead.
    /// </summary>
    /// <param name="fault">The fault; its kind must not be <see cref="FaultKind.Server"/>.</param>
    /// <param name="exception">The exception, for its message (escaped) in the log line.</param>
    /// <param name="request">The request, for its method and path (escaped) in the log line.</param>
    /// <param name="logger">Where to log.</param>
    /// <returns>The refusal, or <see langword="null"/> when the client has gone and nobody is there to read one.</returns>
    public static ApiProblem? Answer(RequestFault fault, Exception exception, HttpRequest request, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(exception);
        ArgumentNullException.ThrowIfNull(request);
        if (fault.Kind == FaultKind.ClientGone)
        {
            // Nobody is there to read an answer. Aborting the request also keeps Kestrel from draining a body whose read
            // failed midway, which it would otherwise log as an error (RequestBodyDrainBodyReaderInvalidState).
            Log.ClientDisconnected(logger, request.Method, request.Path.Value);
            request.HttpContext.Abort();
            return null;
        }

        if (fault.Kind == FaultKind.Unavailable)
        {
            Log.StoreUnavailable(logger, request.Method, request.Path.Value, exception.InnerException?.GetType().Name ?? exception.GetType().Name);
            request.HttpContext.Response.Headers.RetryAfter = UnavailableRetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return new ApiProblem(fault.Status,
                $"The store cannot serve requests right now; nothing was changed. Retry after {UnavailableRetryAfterSeconds} seconds.");
        }

        switch (exception)
        {
            case EmailValidationException invalid:
                // The field and the kind only: a validation message may quote what the email holds.
                Log.EmailRefused(logger, invalid.Field, invalid.Kind);
                return new ApiProblem(fault.Status, invalid.Message, invalid.Field);
            case IdempotencyConflictException conflict:
                Log.IdempotencyConflict(logger);
                return new ApiProblem(fault.Status, conflict.Message, IdempotencyKeyHeader.Name);
            case InvalidContinuationTokenException:
                Log.RequestRejected(logger, fault.Status, request.Method, request.Path.Value, "a continuation token this API did not issue");
                return new ApiProblem(fault.Status,
                    $"The {ListEmailsQuery.ContinuationHeader} header is not a token this API issued; start again without it.",
                    ListEmailsQuery.ContinuationHeader);
            default:
                Log.RequestRejected(logger, fault.Status, request.Method, request.Path.Value, exception.Message);
                return ReadFailure(fault.Status);
        }
    }

    private static ApiProblem ReadFailure(int status) => status switch
        {
            StatusCodes.Status400BadRequest => new ApiProblem(status,
                "The request could not be read: its framing (Content-Length, chunked encoding or trailers) is malformed, " +
                "or it ended before the length it declared."),
            StatusCodes.Status408RequestTimeout => new ApiProblem(status,
                "The request body arrived more slowly than the server's minimum data rate; send it at a steady rate.", "body"),
            StatusCodes.Status413PayloadTooLarge => new ApiProblem(status,
                "The request body is larger than the server accepts.", "body"),
            StatusCodes.Status431RequestHeaderFieldsTooLarge => new ApiProblem(status,
                "The request's header fields or chunked trailers are larger than the server accepts."),
            _ => new ApiProblem(status, "The server could not read the request."),
        };
}
