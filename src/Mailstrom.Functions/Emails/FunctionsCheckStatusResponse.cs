using System.Text.Json.Serialization;
using Mailstrom.Contracts;

namespace Mailstrom.Functions.Emails;

/// <summary>
/// The body of <c>202 Accepted</c> after <c>POST api/emails</c> in the Functions app: the server's check-status payload
/// (<see cref="CheckStatusResponse"/>: the app's own status, terminate and purge URLs, member for member) followed by
/// <c>durable</c>, Durable Functions' management URLs of the same instance.
/// </summary>
/// <param name="Id">The email id (orchestration instance id).</param>
/// <param name="StatusQueryGetUri">The app's status URL (also the <c>Location</c> header).</param>
/// <param name="TerminatePostUri">The app's terminate URL; replace <c>{text}</c> with the reason.</param>
/// <param name="PurgeHistoryDeleteUri">The app's purge URL.</param>
/// <param name="Durable">Durable Functions' management URLs of the instance.</param>
public sealed record FunctionsCheckStatusResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("statusQueryGetUri")] string StatusQueryGetUri,
    [property: JsonPropertyName("terminatePostUri")] string TerminatePostUri,
    [property: JsonPropertyName("purgeHistoryDeleteUri")] string PurgeHistoryDeleteUri,
    [property: JsonPropertyName("durable")] DurableManagementUrls Durable)
{
    /// <summary>The server's payload with Durable's URLs added.</summary>
    /// <param name="links">The app's check-status payload.</param>
    /// <param name="durable">Durable's management URLs of the same instance.</param>
    /// <returns>The payload.</returns>
    public static FunctionsCheckStatusResponse From(CheckStatusResponse links, DurableManagementUrls durable)
    {
        ArgumentNullException.ThrowIfNull(links);
        ArgumentNullException.ThrowIfNull(durable);
        return new(links.Id, links.StatusQueryGetUri, links.TerminatePostUri, links.PurgeHistoryDeleteUri, durable);
    }
}
