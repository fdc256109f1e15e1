using Mailstrom.Composition;
using Mailstrom.Contracts;
using Mailstrom.Server.Diagnostics;
using Mailstrom.Server.Http;
using Mailstrom.Server.Security;
using Mailstrom.Model;
using Mailstrom.Submission;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Mailstrom.Server.Apis;

/// <summary>The emails API: submit, poll, terminate, purge and list, shaped like Durable Functions' HTTP API.</summary>
public static class EmailsApi
{
    /// <summary>Seconds a client should wait before polling the status URL after submitting (Durable's default).</summary>
    public const int CreatedRetryAfterSeconds = 10;

    /// <summary>Seconds a client should wait before polling again while the email is not terminal (Durable's default).</summary>
    public const int StatusRetryAfterSeconds = 5;

    /// <summary>The longest termination reason accepted.</summary>
    public const int MaxReasonLength = 1024;

    /// <summary>Maps the emails API under <c>/api/emails</c>; every route requires a function key.</summary>
    /// <param name="app">The endpoint route builder.</param>
    /// <returns>The route group.</returns>
    public static RouteGroupBuilder MapEmailsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(EmailLinks.CollectionPath)
            .WithTags("Emails")
            .RequireAuthorization(FunctionKeyDefaults.PolicyName)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        api.MapPost("/", CreateEmail)
            .WithName(nameof(CreateEmail))
            .WithSummary("Submit an email")
            .WithDescription(
                "Accepts an email as JSON (application/json) or as a raw MIME message (message/rfc822), commits it with all " +
                "its recipients, and answers 202 with the status URL in Location and the management URLs in the body. " +
                "With an Idempotency-Key header, the same key and body within 24 hours return the same id; the same key " +
                "with a different body is 409.")
            .AddOpenApiOperationTransformer(CreateEmailOpenApi.DescribeRequestBody)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);

        api.MapGet("/{id}", GetEmail)
            .WithName(nameof(GetEmail))
            .WithSummary("Get an email's status")
            .WithDescription(
                "Returns the email's runtime status and every recipient's delivery state: 202 with Retry-After while it is " +
                "Pending or Running, 200 once it is Completed, Failed or Terminated.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapPost("/{id}/terminate", TerminateEmail)
            .WithName(nameof(TerminateEmail))
            .WithSummary("Terminate an email")
            .WithDescription("Stops all further attempts: every recipient not yet final becomes Cancelled. 410 when the email is already terminal.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status410Gone);

        api.MapDelete("/{id}", PurgeEmail)
            .WithName(nameof(PurgeEmail))
            .WithSummary("Purge an email")
            .WithDescription("Deletes the email, its message content and its recipients' states.")
            .ProducesProblem(StatusCodes.Status404NotFound);

        api.MapGet("/", ListEmails)
            .WithName(nameof(ListEmails))
            .WithSummary("List emails")
            .WithDescription(
                "Lists emails newest first, filtered by runtime status and creation time. When more pages exist, the " +
                "response carries an x-ms-continuation-token header; send it back as a request header for the next page.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        return api;
    }

    /// <summary>Submits an email.</summary>
    /// <param name="request">The request; its body is read here, within the size limit.</param>
    /// <param name="idempotencyKey">The caller's idempotency key, 1 to 256 visible ASCII characters.</param>
    /// <param name="services">The handler's services.</param>
    /// <param name="cancellationToken">The request's cancellation.</param>
    /// <returns>202 with the management URLs, or a problem.</returns>
    internal static async Task<Results<Accepted<CheckStatusResponse>, ProblemHttpResult>> CreateEmail(
        HttpRequest request,
        [FromHeader(Name = IdempotencyKeyHeader.Name)] string? idempotencyKey,
        [FromServices] EmailsApiServices services,
        CancellationToken cancellationToken)
    {
        if (!EmailMediaTypes.TryClassify(request.ContentType, out var mediaType))
        {
            return new ApiProblem(StatusCodes.Status415UnsupportedMediaType,
                $"Send the email as {EmailMediaTypes.Json} (UTF-8) or as {EmailMediaTypes.Rfc822}.", "Content-Type").ToResult();
        }

        if (IdempotencyKeyHeader.TryRead(request.Headers, out var key) is { } keyProblem)
        {
            return keyProblem.ToResult();
        }

        var limit = RequestBodyLimits.For(mediaType, services.Options.Value.Limits.MaxMessageBytes);
        if (await RequestBodyReader.ReadAsync(request, limit, cancellationToken) is not { } body)
        {
            Log.RequestBodyTooLarge(services.Logger, mediaType, limit);
            return new ApiProblem(StatusCodes.Status413PayloadTooLarge,
                $"The request body is larger than {limit} bytes, the most accepted for {mediaType} " +
                "(set by Mailstrom:Limits:MaxMessageBytes).", "body").ToResult();
        }

        var (email, problem) = await EmailBodyDecoder.DecodeAsync(mediaType, body, cancellationToken);
        if (problem is not null || email is null)
        {
            return (problem ?? new ApiProblem(StatusCodes.Status400BadRequest, "The body could not be read.", "body")).ToResult();
        }

        var options = new SendOptions { IdempotencyKey = key };
        SendResult result;
        try
        {
            result = email.Request is not null
                ? await services.Mailstrom.SendAsync(email.Request, options, cancellationToken)
                : await services.Mailstrom.SendAsync(email.Message!, options, cancellationToken);
        }
        catch (EmailValidationException ex)
        {
            Log.EmailRefused(services.Logger, ex.Field, ex.Kind);
            var status = ex.Kind == ValidationErrorKind.TooLarge
                ? StatusCodes.Status413PayloadTooLarge
                : StatusCodes.Status400BadRequest;
            return new ApiProblem(status, ex.Message, ex.Field).ToResult();
        }
        catch (IdempotencyConflictException ex)
        {
            Log.IdempotencyConflict(services.Logger);
            return new ApiProblem(StatusCodes.Status409Conflict, ex.Message, IdempotencyKeyHeader.Name).ToResult();
        }

        Log.EmailAccepted(services.Logger, result.Id, result.Replayed ? "replayed" : "created");
        request.HttpContext.Response.Headers.RetryAfter = CreatedRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        var links = EmailLinks.For(request, result.Id);
        return TypedResults.Accepted(links.StatusQueryGetUri, links);
    }

    /// <summary>Reads an email's status.</summary>
    /// <param name="id">The email id.</param>
    /// <param name="request">The request, for the status URL.</param>
    /// <param name="services">The handler's services.</param>
    /// <param name="cancellationToken">The request's cancellation.</param>
    /// <returns>200 when terminal, 202 while pending or running, or 404.</returns>
    internal static async Task<Results<Ok<EmailStatusResponse>, Accepted<EmailStatusResponse>, ProblemHttpResult>> GetEmail(
        string id,
        HttpRequest request,
        [FromServices] EmailsApiServices services,
        CancellationToken cancellationToken)
    {
        var status = EmailIds.IsWellFormed(id) ? await services.Mailstrom.GetStatusAsync(id, cancellationToken) : null;
        if (status is null)
        {
            return ApiProblem.EmailNotFound(id).ToResult();
        }

        var payload = EmailStatusResponse.From(status);
        if (status.IsTerminal)
        {
            return TypedResults.Ok(payload);
        }

        request.HttpContext.Response.Headers.RetryAfter = StatusRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return TypedResults.Accepted(EmailLinks.Status(request, id), payload);
    }

    /// <summary>Terminates an email.</summary>
    /// <param name="id">The email id.</param>
    /// <param name="reason">Why the caller terminates it; stored with the email.</param>
    /// <param name="request">The request, for the status URL.</param>
    /// <param name="services">The handler's services.</param>
    /// <param name="cancellationToken">The request's cancellation.</param>
    /// <returns>202, 404 or 410.</returns>
    internal static async Task<Results<Accepted, ProblemHttpResult>> TerminateEmail(
        string id,
        [FromQuery] string? reason,
        HttpRequest request,
        [FromServices] EmailsApiServices services,
        CancellationToken cancellationToken)
    {
        if (reason is { Length: > MaxReasonLength })
        {
            return new ApiProblem(StatusCodes.Status400BadRequest,
                $"The reason query parameter must be at most {MaxReasonLength} characters long.", "reason").ToResult();
        }

        if (!EmailIds.IsWellFormed(id))
        {
            return ApiProblem.EmailNotFound(id).ToResult();
        }

        switch (await services.Mailstrom.TerminateAsync(id, reason, cancellationToken))
        {
            case Model.TerminateResult.Terminated:
                Log.EmailTerminated(services.Logger, id);
                return TypedResults.Accepted(EmailLinks.Status(request, id));
            case Model.TerminateResult.AlreadyTerminal:
                return new ApiProblem(StatusCodes.Status410Gone,
                    $"Email '{id}' is already terminal (Completed, Failed or Terminated); nothing was changed.", "id").ToResult();
            default:
                return ApiProblem.EmailNotFound(id).ToResult();
        }
    }

    /// <summary>Purges an email.</summary>
    /// <param name="id">The email id.</param>
    /// <param name="services">The handler's services.</param>
    /// <param name="cancellationToken">The request's cancellation.</param>
    /// <returns>200 with the count deleted, or 404.</returns>
    internal static async Task<Results<Ok<PurgeHistoryResponse>, ProblemHttpResult>> PurgeEmail(
        string id,
        [FromServices] EmailsApiServices services,
        CancellationToken cancellationToken)
    {
        if (!EmailIds.IsWellFormed(id) || !await services.Mailstrom.PurgeAsync(id, cancellationToken))
        {
            return ApiProblem.EmailNotFound(id).ToResult();
        }

        Log.EmailPurged(services.Logger, id);
        return TypedResults.Ok(new PurgeHistoryResponse(1));
    }

    /// <summary>Lists emails one page at a time.</summary>
    /// <param name="runtimeStatus">Comma-separated runtime statuses to include (Pending, Running, Completed, Failed, Terminated).</param>
    /// <param name="createdTimeFrom">Only emails created at or after this ISO 8601 time.</param>
    /// <param name="createdTimeTo">Only emails created at or before this ISO 8601 time.</param>
    /// <param name="top">The page size, 1 to 1000 (default 100).</param>
    /// <param name="continuationToken">The token from the previous page's response header.</param>
    /// <param name="response">The response, for the next page's token.</param>
    /// <param name="services">The handler's services.</param>
    /// <param name="cancellationToken">The request's cancellation.</param>
    /// <returns>200 with the page, or 400 naming the bad parameter.</returns>
    internal static async Task<Results<Ok<List<EmailStatusResponse>>, ProblemHttpResult>> ListEmails(
        [FromQuery] string? runtimeStatus,
        [FromQuery] string? createdTimeFrom,
        [FromQuery] string? createdTimeTo,
        [FromQuery] string? top,
        [FromHeader(Name = ListEmailsQuery.ContinuationHeader)] string? continuationToken,
        HttpResponse response,
        [FromServices] EmailsApiServices services,
        CancellationToken cancellationToken)
    {
        var (query, problem) = ListEmailsQuery.Parse(runtimeStatus, createdTimeFrom, createdTimeTo, top, continuationToken);
        if (problem is not null || query is null)
        {
            return (problem ?? new ApiProblem(StatusCodes.Status400BadRequest, "The query is invalid.")).ToResult();
        }

        Model.EmailPage page;
        try
        {
            page = await services.Mailstrom.ListAsync(query, cancellationToken);
        }
        catch (ArgumentException)
        {
            return new ApiProblem(StatusCodes.Status400BadRequest,
                $"The {ListEmailsQuery.ContinuationHeader} header is not a token this API issued; " +
                "start again without it.", ListEmailsQuery.ContinuationHeader).ToResult();
        }

        if (page.ContinuationToken is not null)
        {
            response.Headers[ListEmailsQuery.ContinuationHeader] = page.ContinuationToken;
        }

        return TypedResults.Ok(page.Items.Select(EmailStatusResponse.From).ToList());
    }
}
