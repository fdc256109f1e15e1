using Mailstrom.Contracts;
using Mailstrom.Durable.Client;
using Mailstrom.Http.Emails;
using Mailstrom.Http.Suppressions;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Mailstrom.Functions.Suppressions;

/// <summary>
/// The suppressions API as HTTP functions: the same routes, payloads, codes and problem details as the self-hosted server,
/// each handing the request to the shared <see cref="SuppressionsHandlers"/> over the Durable engine. Every function needs
/// a function key (<see cref="AuthorizationLevel.Function"/>), checked by the Functions host.
/// </summary>
public sealed class SuppressionsFunctions
{
    private readonly DurableMailstromFactory _engine;

    /// <summary>Creates the functions over the Durable engine's factory.</summary>
    /// <param name="engine">Creates the engine over the client the host binds to each invocation.</param>
    public SuppressionsFunctions(DurableMailstromFactory engine)
    {
        _engine = engine;
    }

    /// <summary>
    /// <c>GET api/suppressions?limit=</c>: one page of the suppression list in address order; the
    /// <c>x-ms-continuation-token</c> header carries the next page.
    /// </summary>
    /// <param name="request">The request: query string and continuation header.</param>
    /// <param name="client">The task hub's client, bound by the host.</param>
    /// <param name="cancellationToken">The invocation's cancellation.</param>
    /// <returns>200 with the page, or 400 naming the bad parameter.</returns>
    [Function(nameof(ListSuppressions))]
    public Task<Results<Ok<List<SuppressionResponse>>, ProblemHttpResult>> ListSuppressions(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "suppressions")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return SuppressionsHandlers.ListAsync(
            _engine.Create(client), request.Query["limit"], request.Headers[ListEmailsQuery.ContinuationHeader], request.HttpContext.Response,
            cancellationToken);
    }

    /// <summary><c>DELETE api/suppressions/{address}</c>: removes the address from the suppression list.</summary>
    /// <param name="request">The request.</param>
    /// <param name="address">The address, from the route.</param>
    /// <param name="client">The task hub's client, bound by the host.</param>
    /// <param name="cancellationToken">The invocation's cancellation.</param>
    /// <returns>204, 400 or 404.</returns>
    [Function(nameof(RemoveSuppression))]
    public Task<Results<NoContent, ProblemHttpResult>> RemoveSuppression(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "suppressions/{address}")] HttpRequest request,
        string address,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        SuppressionsHandlers.RemoveAsync(_engine.Create(client), address, cancellationToken);
}
