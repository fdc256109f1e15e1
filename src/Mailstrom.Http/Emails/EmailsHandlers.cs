using System.Globalization;
using Mailstrom.Composition;
using Mailstrom.Contracts;
using Mailstrom.Http.Bodies;
using Mailstrom.Http.Diagnostics;
using Mailstrom.Http.Links;
using Mailstrom.Http.Problems;
using Mailstrom.Model;
using Mailstrom.Submission;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mailstrom.Http.Emails;

/// <summary>
/// The emails API's handlers, shaped like Durable Functions' HTTP API: submit, poll, terminate, purge and list. They talk
/// only to <see cref="IMailstrom"/> (either engine) and are shared by the self-hosted server's routes and the Functions
/// app's HTTP functions, so both answer the same payloads, codes and problem details. Every absolute URL they return is
/// built on <see cref="PublicOrigin"/>, so a client's <c>Host</c> header never chooses where it points.
/// </summary>
public sealed class EmailsHandlers
{
    /// <summary>Seconds a client should wait before polling the status URL after submitting (Durable's default).</summary>
    public const int CreatedRetryAfterSeconds = 10;

    /// <summary>Seconds a client should wait before polling again while the email is not terminal (Durable's default).</summary>
    public const int StatusRetryAfterSeconds = 5;

    /// <summary>The longest termination reason accepted.</summary>
    public const int MaxReasonLength = 1024;

    /// <summary>How many times a list page that is over the size budget is asked for again, smaller, before one email is sent.</summary>
    private const int MaxListRefits = 3;

    private readonly long _maxMessageBytes;
    private readonly long _maxListResponseBytes;
    private readonly PublicOrigin _origin;
    private readonly ILogger _logger;

    /// <summary>Creates the handlers.</summary>
    /// <param name="limits">The message limits (the size limit bounds the request body).</param>
    /// <param name="api">The API's own bounds (the list page size).</param>
    /// <param name="origin">The served hosts and the base of every returned URL.</param>
    /// <param name="logger">The API's logger.</param>
    public EmailsHandlers(
        IOptions<LimitsOptions> limits, IOptions<EmailsApiOptions> api, PublicOrigin origin, ILogger<EmailsHandlers> logger)
    {
        ArgumentNullException.ThrowIfNull(limits);
        ArgumentNullException.ThrowIfNull(api);
        _maxMessageBytes = limits.Value.MaxMessageBytes;
        _maxListResponseBytes = api.Value.MaxListResponseBytes;
        _origin = origin;
        _logger = logger;
    }

    /// <summary>Accepts an email (JSON or raw MIME) and answers 202 with its status URLs.</summary>
    /// <param name="mailstrom">The engine.</param>
    /// <param name="request">The request: content type, <c>Idempotency-Key</c> header and body.</param>
    /// <param name="cancellationToken">The request's cancellation.</param>
    /// <returns>202 with the management URLs, or a problem.</returns>
    public async Task<Results<Accepted<CheckStatusResponse>, ProblemHttpResult>> CreateAsync(
        IMailstrom mailstrom, HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_origin.BaseUrl(request) is not { } baseUrl)
        {
            return _origin.Refuse(request)!.ToResult();
        }

        var (mediaType, refusal) = EmailMediaTypes.Classify(request.ContentType);
        if (mediaType is null)
        {
            return new ApiProblem(StatusCodes.Status415UnsupportedMediaType, refusal!, "Content-Type").ToResult();
        }

        if (EmailMediaTypes.RefuseContentEncoding(request.Headers.ContentEncoding) is { } codingRefusal)
        {
            return new ApiProblem(StatusCodes.Status415UnsupportedMediaType, codingRefusal, "Content-Encoding").ToResult();
        }

        if (IdempotencyKeyHeader.TryRead(request.Headers, out var key) is { } keyProblem)
        {
            return keyProblem.ToResult();
        }

        var limit = RequestBodyLimits.For(mediaType, _maxMessageBytes);
        if (await RequestBodyReader.ReadAsync(request, limit, cancellationToken) is not { } body)
        {
            Log.RequestBodyTooLarge(_logger, mediaType, limit);
            return new ApiProblem(StatusCodes.Status413PayloadTooLarge,
                $"The request body is larger than {limit} bytes, the most accepted for {mediaType} " +
                "(set by Mailstrom:Limits:MaxMessageBytes).", "body").ToResult();
        }

        var (email, problem) = await EmailBodyDecoder.DecodeAsync(mediaType, body, cancellationToken);
        if (problem is not null || email is null)
        {
            return (problem ?? new ApiProblem(StatusCodes.Status400BadRequest, "The body could not be read.", "body")).ToResult();
        }

        // The engine's refusals (invalid email, idempotency conflict, store unavailable) are answered by RequestFaults.
        var options = new SendOptions { IdempotencyKey = key };
        var result = email.Request is not null
            ? await mailstrom.SendAsync(email.Request, options, cancellationToken)
            : await mailstrom.SendAsync(email.Message!, options, cancellationToken);

        Log.EmailAccepted(_logger, result.Id, result.Replayed ? "replayed" : "created");
        request.HttpContext.Response.Headers.RetryAfter = CreatedRetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        var links = EmailLinks.For(baseUrl, result.Id);
        return TypedResults.Accepted(links.StatusQueryGetUri, links);
    }

    /// <summary>Reads an email's status.</summary>
    /// <param name="id">The email id.</param>
    /// <param name="request">The request, for the status URL.</param>
    /// <param name="mailstrom">The engine.</param>
    /// <param name="cancellationToken">The request's cancellation.</param>
    /// <returns>200 when terminal, 202 while pending or running, or 404.</returns>
    public async Task<Results<Ok<EmailStatusResponse>, Accepted<EmailStatusResponse>, ProblemHttpResult>> GetAsync(
        IMailstrom mailstrom, string id, HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_origin.BaseUrl(request) is not { } baseUrl)
        {
            return _origin.Refuse(request)!.ToResult();
        }

        var status = EmailIds.IsWellFormed(id) ? await mailstrom.GetStatusAsync(id, cancellationToken) : null;
        if (status is null)
        {
            return ApiProblem.EmailNotFound(id).ToResult();
        }

        var payload = EmailStatusResponse.From(status);
        if (status.IsTerminal)
        {
            return TypedResults.Ok(payload);
        }

        request.HttpContext.Response.Headers.RetryAfter = StatusRetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
        return TypedResults.Accepted(EmailLinks.Status(baseUrl, id), payload);
    }

    /// <summary>Terminates an email.</summary>
    /// <param name="id">The email id.</param>
    /// <param name="reason">Why the caller terminates it; stored with the email.</param>
    /// <param name="request">The request, for the status URL.</param>
    /// <param name="mailstrom">The engine.</param>
    /// <param name="cancellationToken">The request's cancellation.</param>
    /// <returns>202, 404 or 410.</returns>
    public async Task<Results<Accepted, ProblemHttpResult>> TerminateAsync(
        IMailstrom mailstrom, string id, string? reason, HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (_origin.BaseUrl(request) is not { } baseUrl)
        {
            return _origin.Refuse(request)!.ToResult();
        }

        if (reason is { Length: > MaxReasonLength })
        {
            return new ApiProblem(StatusCodes.Status400BadRequest,
                $"The reason query parameter must be at most {MaxReasonLength} characters long.", "reason").ToResult();
        }

        if (!EmailIds.IsWellFormed(id))
        {
            return ApiProblem.EmailNotFound(id).ToResult();
        }

        switch (await mailstrom.TerminateAsync(id, reason, cancellationToken))
        {
            case TerminateResult.Terminated:
                Log.EmailTerminated(_logger, id);
                return TypedResults.Accepted(EmailLinks.Status(baseUrl, id));
            case TerminateResult.AlreadyTerminal:
                return new ApiProblem(StatusCodes.Status410Gone,
                    $"Email '{id}' is already terminal (Completed, Failed or Terminated); nothing was changed.", "id").ToResult();
            default:
                return ApiProblem.EmailNotFound(id).ToResult();
        }
    }

    /// <summary>Purges an email.</summary>
    /// <param name="id">The email id.</param>
    /// <param name="mailstrom">The engine.</param>
    /// <param name="cancellationToken">The request's cancellation.</param>
    /// <returns>200 with the count deleted, or 404.</returns>
    public async Task<Results<Ok<PurgeHistoryResponse>, ProblemHttpResult>> PurgeAsync(
        IMailstrom mailstrom, string id, CancellationToken cancellationToken)
    {
        if (!EmailIds.IsWellFormed(id) || !await mailstrom.PurgeAsync(id, cancellationToken))
        {
            return ApiProblem.EmailNotFound(id).ToResult();
        }

        Log.EmailPurged(_logger, id);
        return TypedResults.Ok(new PurgeHistoryResponse(1));
    }

    /// <summary>
    /// Lists emails one page at a time. A page holds at most <c>top</c> emails and at most about
    /// <see cref="EmailsApiOptions.MaxListResponseBytes"/> of JSON: a page that would be larger is asked for again with a
    /// smaller <c>top</c>, so that its continuation token continues right after the last email shown (always at least one).
    /// </summary>
    /// <param name="parameters">The filters, page size and continuation token, as sent.</param>
    /// <param name="response">The response, for the next page's token.</param>
    /// <param name="mailstrom">The engine.</param>
    /// <param name="cancellationToken">The request's cancellation.</param>
    /// <returns>200 with the page, or 400 naming the bad parameter.</returns>
    public async Task<Results<Ok<List<EmailStatusResponse>>, ProblemHttpResult>> ListAsync(
        IMailstrom mailstrom, ListEmailsParameters parameters, HttpResponse response, CancellationToken cancellationToken)
    {
        var (query, problem) = ListEmailsQuery.Parse(parameters.RuntimeStatus, parameters.CreatedTimeFrom, parameters.CreatedTimeTo, parameters.Top, parameters.ContinuationToken);
        if (problem is not null || query is null)
        {
            return (problem ?? new ApiProblem(StatusCodes.Status400BadRequest, "The query is invalid.")).ToResult();
        }

        var page = await mailstrom.ListAsync(query, cancellationToken);

        var items = page.Items.Select(EmailStatusResponse.From).ToList();
        var fit = ListPageBudget.CountThatFit(items, _maxListResponseBytes);
        for (var refit = 1; fit < items.Count; refit++)
        {
            // The same page, shorter, so that the store's token continues after the last email that fits. Should the page
            // change in between (new emails come first), it is measured again; the last try asks for a single email.
            Log.ListPageCut(_logger, items.Count, fit, _maxListResponseBytes);
            page = await mailstrom.ListAsync(query with { Top = refit < MaxListRefits ? fit : 1 }, cancellationToken);
            items = [.. page.Items.Select(EmailStatusResponse.From)];
            fit = ListPageBudget.CountThatFit(items, _maxListResponseBytes);
        }

        if (page.ContinuationToken is not null)
        {
            response.Headers[ListEmailsQuery.ContinuationHeader] = page.ContinuationToken;
        }

        return TypedResults.Ok(items);
    }
}
