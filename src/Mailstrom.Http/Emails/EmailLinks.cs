using Mailstrom.Contracts;

namespace Mailstrom.Http.Emails;

/// <summary>
/// Builds the absolute management URLs of an email on a base URL from <see cref="Links.PublicOrigin"/> (the configured
/// public base URL, or the request's allowed scheme, host and path base), following Durable Functions' templates (the
/// terminate URL keeps the literal <c>{text}</c> placeholder for the reason). Keys are never put into these URLs.
/// </summary>
internal static class EmailLinks
{
    /// <summary>The route of the emails collection, under the <c>/api</c> prefix.</summary>
    public const string CollectionPath = "/api/emails";

    /// <summary>The absolute status URL of an email.</summary>
    /// <param name="baseUrl">The base URL, without a trailing slash.</param>
    /// <param name="id">The email id.</param>
    /// <returns>The URL.</returns>
    public static string Status(string baseUrl, string id) => $"{baseUrl}{CollectionPath}/{Uri.EscapeDataString(id)}";

    /// <summary>The check-status payload for an email.</summary>
    /// <param name="baseUrl">The base URL, without a trailing slash.</param>
    /// <param name="id">The email id.</param>
    /// <returns>The payload.</returns>
    public static CheckStatusResponse For(string baseUrl, string id)
    {
        var status = Status(baseUrl, id);
        return new CheckStatusResponse(id, status, status + "/terminate?reason={text}", status);
    }
}
