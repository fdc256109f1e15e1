using Mailstrom.Contracts;
using Mailstrom.Http.Emails;
using Mailstrom.Http.Suppressions;
using Mailstrom.Server.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace Mailstrom.Server.Apis;

/// <summary>The suppressions API: list the addresses refused without an attempt, and remove one.</summary>
public static class SuppressionsApi
{
    /// <summary>Maps the suppressions API under <c>/api/suppressions</c>; every route requires a function key.</summary>
    /// <param name="app">The endpoint route builder.</param>
    /// <returns>The route group.</returns>
    public static RouteGroupBuilder MapSuppressionsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup(SuppressionsHandlers.CollectionPath)
            .WithTags("Suppressions")
            .RequireAuthorization(FunctionKeyDefaults.PolicyName)
            .ProducesProblem(StatusCodes.Status401Unauthorized);

        api.MapGet("/", ListSuppressions)
            .WithName(nameof(ListSuppressions))
            .WithSummary("List suppressed addresses")
            .WithDescription(
                "Lists the suppression list in address order: each address whose mailbox or domain was found not to exist, with " +
                "the reply, time and email that put it there. When more pages exist, the response carries an " +
                "x-ms-continuation-token header; send it back as a request header for the next page.")
            .ProducesProblem(StatusCodes.Status400BadRequest);

        api.MapDelete("/{address}", RemoveSuppression)
            .WithName(nameof(RemoveSuppression))
            .WithSummary("Remove a suppressed address")
            .WithDescription("Removes the address from the suppression list, so later email to it is attempted again. 204 when removed, 404 when it was not listed.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);

        return api;
    }

    /// <summary>Lists one page of the suppression list.</summary>
    /// <param name="limit">The page size, 1 to 1000 (default 100).</param>
    /// <param name="continuationToken">The token from the previous page's response header.</param>
    /// <param name="response">The response, for the next page's token.</param>
    /// <param name="services">The API's services.</param>
    /// <param name="cancellationToken">The request's cancellation.</param>
    /// <returns>200 with the page, or 400 naming the bad parameter.</returns>
    internal static Task<Results<Ok<List<SuppressionResponse>>, ProblemHttpResult>> ListSuppressions(
        [FromQuery] string? limit,
        [FromHeader(Name = ListEmailsQuery.ContinuationHeader)] string? continuationToken,
        HttpResponse response,
        [FromServices] EmailsApiServices services,
        CancellationToken cancellationToken) =>
        SuppressionsHandlers.ListAsync(services.Mailstrom, limit, continuationToken, response, cancellationToken);

    /// <summary>Removes an address from the suppression list.</summary>
    /// <param name="address">The address (a <c>/</c> in it sent as <c>%2F</c>).</param>
    /// <param name="services">The API's services.</param>
    /// <param name="cancellationToken">The request's cancellation.</param>
    /// <returns>204, 400 or 404.</returns>
    internal static Task<Results<NoContent, ProblemHttpResult>> RemoveSuppression(
        string address, [FromServices] EmailsApiServices services, CancellationToken cancellationToken) =>
        SuppressionsHandlers.RemoveAsync(services.Mailstrom, address, cancellationToken);
}
