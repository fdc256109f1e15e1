using System.Diagnostics;
using Mailstrom.Contracts;
using Mailstrom.Durable.Client;
using Mailstrom.Http.Emails;
using Mailstrom.Http.Links;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;

namespace Mailstrom.Functions.Emails;

/// <summary>
/// The emails API as HTTP functions: the same routes (under the <c>api</c> prefix from <c>host.json</c>), payloads, codes
/// and problem details as the self-hosted server, because each function hands the request to the shared
/// <see cref="EmailsHandlers"/> over the Durable engine bound to the invocation's <see cref="DurableTaskClient"/>. Every
/// function needs a function key (<see cref="AuthorizationLevel.Function"/>), checked by the Functions host.
/// </summary>
public sealed class EmailsFunctions
{
    private readonly EmailsHandlers _handlers;
    private readonly DurableMailstromFactory _engine;
    private readonly PublicOrigin _origin;

    /// <summary>Creates the functions over the shared handlers and the Durable engine's factory.</summary>
    /// <param name="handlers">The emails API's handlers, shared with the server.</param>
    /// <param name="engine">Creates the engine over the client the host binds to each invocation.</param>
    /// <param name="origin">The base of every URL the app returns.</param>
    public EmailsFunctions(EmailsHandlers handlers, DurableMailstromFactory engine, PublicOrigin origin)
    {
        _handlers = handlers;
        _engine = engine;
        _origin = origin;
    }

    /// <summary>
    /// <c>POST api/emails</c>: accepts an email (JSON or <c>message/rfc822</c>, optional <c>Idempotency-Key</c>) and
    /// answers 202 with the app's status URLs, <c>Location</c> and <c>Retry-After</c>, plus Durable's management URLs
    /// of the instance in <c>durable</c>.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="client">The task hub's client, bound by the host.</param>
    /// <param name="cancellationToken">The invocation's cancellation.</param>
    /// <returns>202, or a problem (400, 409, 413, 415).</returns>
    [Function(nameof(CreateEmail))]
    public async Task<Results<Accepted<FunctionsCheckStatusResponse>, ProblemHttpResult>> CreateEmail(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "emails")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var result = await _handlers.CreateAsync(_engine.Create(client), request, cancellationToken);
        return result.Result switch
        {
            Accepted<CheckStatusResponse> { Value: { } links } accepted => TypedResults.Accepted(
                accepted.Location,
                FunctionsCheckStatusResponse.From(links, DurableManagementLinks.For(client, links.Id, BaseUrl(request)))),
            ProblemHttpResult problem => problem,
            _ => throw new UnreachableException($"The create handler answered {result.Result.GetType().Name}."),
        };
    }

    /// <summary>The base URL of an accepted request (the handler has refused any other).</summary>
    private string BaseUrl(HttpRequest request) =>
        _origin.BaseUrl(request) ?? throw new UnreachableException("The create handler accepted a request whose host is not served.");

    /// <summary><c>GET api/emails/{id}</c>: the email's status; 202 while pending or running, 200 when terminal.</summary>
    /// <param name="request">The request.</param>
    /// <param name="id">The email id, from the route.</param>
    /// <param name="client">The task hub's client, bound by the host.</param>
    /// <param name="cancellationToken">The invocation's cancellation.</param>
    /// <returns>200, 202 or 404.</returns>
    [Function(nameof(GetEmail))]
    public Task<Results<Ok<EmailStatusResponse>, Accepted<EmailStatusResponse>, ProblemHttpResult>> GetEmail(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "emails/{id}")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        _handlers.GetAsync(_engine.Create(client), id, request, cancellationToken);

    /// <summary><c>POST api/emails/{id}/terminate?reason=</c>: stops every recipient not yet final.</summary>
    /// <param name="request">The request; its <c>reason</c> query parameter is kept with the email.</param>
    /// <param name="id">The email id, from the route.</param>
    /// <param name="client">The task hub's client, bound by the host.</param>
    /// <param name="cancellationToken">The invocation's cancellation.</param>
    /// <returns>202, 400 (reason too long), 404 or 410.</returns>
    [Function(nameof(TerminateEmail))]
    public Task<Results<Accepted, ProblemHttpResult>> TerminateEmail(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "emails/{id}/terminate")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _handlers.TerminateAsync(_engine.Create(client), id, request.Query["reason"], request, cancellationToken);
    }

    /// <summary><c>DELETE api/emails/{id}</c>: erases the email, its content and its history.</summary>
    /// <param name="request">The request.</param>
    /// <param name="id">The email id, from the route.</param>
    /// <param name="client">The task hub's client, bound by the host.</param>
    /// <param name="cancellationToken">The invocation's cancellation.</param>
    /// <returns>200 with the count deleted, or 404.</returns>
    [Function(nameof(PurgeEmail))]
    public Task<Results<Ok<PurgeHistoryResponse>, ProblemHttpResult>> PurgeEmail(
        [HttpTrigger(AuthorizationLevel.Function, "delete", Route = "emails/{id}")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken) =>
        _handlers.PurgeAsync(_engine.Create(client), id, cancellationToken);

    /// <summary>
    /// <c>GET api/emails</c>: one page of emails, newest first, filtered by <c>runtimeStatus</c>, <c>createdTimeFrom</c>,
    /// <c>createdTimeTo</c>, with <c>top</c> per page; the <c>x-ms-continuation-token</c> header carries the next page.
    /// </summary>
    /// <param name="request">The request: query string and continuation header.</param>
    /// <param name="client">The task hub's client, bound by the host.</param>
    /// <param name="cancellationToken">The invocation's cancellation.</param>
    /// <returns>200 with the page, or 400 naming the bad parameter.</returns>
    [Function(nameof(ListEmails))]
    public Task<Results<Ok<List<EmailStatusResponse>>, ProblemHttpResult>> ListEmails(
        [HttpTrigger(AuthorizationLevel.Function, "get", Route = "emails")] HttpRequest request,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        return _handlers.ListAsync(_engine.Create(client), ListEmailsParameters.From(request), request.HttpContext.Response, cancellationToken);
    }
}
