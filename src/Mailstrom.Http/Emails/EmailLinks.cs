using Mailstrom.Contracts;

namespace Mailstrom.Http.Emails;

/// <summary>
/// Builds the absolute management URLs of an email from the request's scheme, host and path base, following Durable
/// Functions' templates (the terminate URL keeps the literal <c>{text}</c> placeholder for the reason). Keys are never
/// put into these URLs. Behind a proxy, enable forwarded headers so the public scheme and host are used.
/// </summary>
internal static class EmailLinks
{
    /// <summary>The route of the emails collection, under the <c>/api</c> prefix.</summary>
    public const string CollectionPath = "/api/emails";

    /// <summary>The absolute status URL of an email.</summary>
    /// <param name="request">The current request.</param>
    /// <param name="id">The email id.</param>
    /// <returns>The URL.</returns>
    public static string Status(HttpRequest request, string id) =>
        $"{request.Scheme}://{request.Host.ToUriComponent()}{request.PathBase.ToUriComponent()}{CollectionPath}/{Uri.EscapeDataString(id)}";

    /// <summary>The check-status payload for an email.</summary>
    /// <param name="request">The current request.</param>
    /// <param name="id">The email id.</param>
    /// <returns>The payload.</returns>
    public static CheckStatusResponse For(HttpRequest request, string id)
    {
        var status = Status(request, id);
        return new CheckStatusResponse(id, status, status + "/terminate?reason={text}", status);
    }
}
