using Mailstrom.Contracts;
using Mailstrom.Http.Bodies;
using Mailstrom.Http.Emails;
using Mailstrom.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Mailstrom.Server.Apis;

/// <summary>The emails API: submit, poll, terminate, purge and list, shaped like Durable Functions' HTTP API.</summary>
public static class EmailsApi
{
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
    /// <param name="request">The request; its body is read within the size limit.</param>
    /// <param name="idempotencyKey">The caller's idempotency key, 1 to 256 visible ASCII characters (read by the handler; declared for the API description).</param>
    /// <param name="services">The API's services.</param>
    /// <param name="cancellationToken">The request's cancellation.</param>
    /// <returns>202 with the management URLs, or a problem.</returns>
    internal static Task<Results<Accepted<CheckStatusResponse>, ProblemHttpResult>> CreateEmail(
        HttpRequest request,
        [FromHeader(Name = IdempotencyKeyHeader.Name)] string? idempotencyKey,
        [FromServices] EmailsApiServices services,
        CancellationToken cancellationToken) =>
        services.Handlers.CreateAsync(services.Mailstrom, request, cancellationToken);

    /// <summary>Reads an email's status.</summary>
    /// <param name="id">The email id.</param>
    /// <param name="request">The request, for the status URL.</param>
    /// <param name="services">The API's services.</param>
    /// <param name="cancellationToken">The request's cancellation.</param>
    /// <returns>200 when terminal, 202 while pending or running, or 404.</returns>
    internal static Task<Results<Ok<EmailStatusResponse>, Accepted<EmailStatusResponse>, ProblemHttpResult>> GetEmail(
        string id, HttpRequest request, [FromServices] EmailsApiServices services, CancellationToken cancellationToken) =>
        services.Handlers.GetAsync(services.Mailstrom, id, request, cancellationToken);

    /// <summary>Terminates an email.</summary>
    /// <param name="id">The email id.</param>
    /// <param name="reason">Why the caller terminates it; kept with the email.</param>
    /// <param name="request">The request, for the status URL.</param>
    /// <param name="services">The API's services.</param>
    /// <param name="cancellationToken">The request's cancellation.</param>
    /// <returns>202, 404 or 410.</returns>
    internal static Task<Results<Accepted, ProblemHttpResult>> TerminateEmail(
        string id, [FromQuery] string? reason, HttpRequest request, [FromServices] EmailsApiServices services, CancellationToken cancellationToken) =>
        services.Handlers.TerminateAsync(services.Mailstrom, id, reason, request, cancellationToken);

    /// <summary>Purges an email.</summary>
    /// <param name="id">The email id.</param>
    /// <param name="services">The API's services.</param>
    /// <param name="cancellationToken">The request's cancellation.</param>
    /// <returns>200 with the count deleted, or 404.</returns>
    internal static Task<Results<Ok<PurgeHistoryResponse>, ProblemHttpResult>> PurgeEmail(
        string id, [FromServices] EmailsApiServices services, CancellationToken cancellationToken) =>
        services.Handlers.PurgeAsync(services.Mailstrom, id, cancellationToken);

    /// <summary>Lists emails one page at a time.</summary>
    /// <param name="runtimeStatus">Comma-separated runtime statuses to include (Pending, Running, Completed, Failed, Terminated).</param>
    /// <param name="createdTimeFrom">Only emails created at or after this ISO 8601 time.</param>
    /// <param name="createdTimeTo">Only emails created at or before this ISO 8601 time.</param>
    /// <param name="top">The page size, 1 to 1000 (default 100).</param>
    /// <param name="continuationToken">The token from the previous page's response header.</param>
    /// <param name="response">The response, for the next page's token.</param>
    /// <param name="services">The API's services.</param>
    /// <param name="cancellationToken">The request's cancellation.</param>
    /// <returns>200 with the page, or 400 naming the bad parameter.</returns>
    internal static Task<Results<Ok<List<EmailStatusResponse>>, ProblemHttpResult>> ListEmails(
        [FromQuery] string? runtimeStatus,
        [FromQuery] string? createdTimeFrom,
        [FromQuery] string? createdTimeTo,
        [FromQuery] string? top,
        [FromHeader(Name = ListEmailsQuery.ContinuationHeader)] string? continuationToken,
        HttpResponse response,
        [FromServices] EmailsApiServices services,
        CancellationToken cancellationToken) =>
        services.Handlers.ListAsync(
            services.Mailstrom, new ListEmailsParameters(runtimeStatus, createdTimeFrom, createdTimeTo, top, continuationToken), response, cancellationToken);
}
