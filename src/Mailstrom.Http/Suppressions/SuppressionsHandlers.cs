using System.Globalization;
using Mailstrom.Contracts;
using Mailstrom.Http.Emails;
using Mailstrom.Http.Problems;
using Mailstrom.Suppression;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mailstrom.Http.Suppressions;

/// <summary>
/// The suppressions API's handlers, shared by the server's routes and the Functions app's HTTP functions: list the
/// suppression list a page at a time (<c>limit</c>, and the continuation token in the same header as the emails list), and
/// remove one address. They talk only to <see cref="IMailstrom"/>, so either engine answers alike.
/// </summary>
public static class SuppressionsHandlers
{
    /// <summary>The collection's path.</summary>
    public const string CollectionPath = "/api/suppressions";

    /// <summary>Lists one page.</summary>
    /// <param name="mailstrom">The engine.</param>
    /// <param name="limit">The page size as sent, 1 to <see cref="SuppressionQuery.MaxLimit"/> (default <see cref="SuppressionQuery.DefaultLimit"/>).</param>
    /// <param name="continuationToken">The token from the previous page's <c>x-ms-continuation-token</c> header.</param>
    /// <param name="response">The response, for the next page's token.</param>
    /// <param name="cancellationToken">The request's cancellation.</param>
    /// <returns>200 with the page's entries, or 400 naming the bad parameter.</returns>
    public static async Task<Results<Ok<List<SuppressionResponse>>, ProblemHttpResult>> ListAsync(
        IMailstrom mailstrom, string? limit, string? continuationToken, HttpResponse response, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mailstrom);
        ArgumentNullException.ThrowIfNull(response);
        var size = SuppressionQuery.DefaultLimit;
        if (!string.IsNullOrWhiteSpace(limit)
            && (!int.TryParse(limit, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size < 1 || size > SuppressionQuery.MaxLimit))
        {
            return new ApiProblem(StatusCodes.Status400BadRequest,
                $"The limit query parameter must be a whole number from 1 to {SuppressionQuery.MaxLimit}.", "limit").ToResult();
        }

        // A token this API did not issue is refused by RequestFaults (400 naming the header).
        var page = await mailstrom.ListSuppressionsAsync(
            new SuppressionQuery { Limit = size, ContinuationToken = string.IsNullOrEmpty(continuationToken) ? null : continuationToken },
            cancellationToken);
        if (page.ContinuationToken is not null)
        {
            response.Headers[ListEmailsQuery.ContinuationHeader] = page.ContinuationToken;
        }

        return TypedResults.Ok(page.Items.Select(SuppressionResponse.From).ToList());
    }

    /// <summary>Removes an address from the list.</summary>
    /// <param name="mailstrom">The engine.</param>
    /// <param name="address">The address from the route (a <c>/</c> in it sent as <c>%2F</c>).</param>
    /// <param name="cancellationToken">The request's cancellation.</param>
    /// <returns>204 when removed, 404 when it was not on the list, 400 when it is not an address.</returns>
    public static async Task<Results<NoContent, ProblemHttpResult>> RemoveAsync(IMailstrom mailstrom, string? address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mailstrom);
        var decoded = address?.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
        if (!SuppressionAddress.TryNormalize(decoded, out _))
        {
            return new ApiProblem(StatusCodes.Status400BadRequest,
                $"'{Clip(decoded)}' is not an address: write it as local@domain, without spaces or control characters, at most " +
                $"{SuppressionAddress.MaxLength} characters.", "address").ToResult();
        }

        return await mailstrom.RemoveSuppressionAsync(decoded!, cancellationToken)
            ? TypedResults.NoContent()
            : new ApiProblem(StatusCodes.Status404NotFound, $"'{Clip(decoded)}' is not on the suppression list.", "address").ToResult();
    }

    private static string Clip(string? value)
    {
        var text = new string((value ?? string.Empty).Select(c => char.IsControl(c) ? '?' : c).ToArray());
        return text.Length <= 64 ? text : text[..64] + "...";
    }
}
