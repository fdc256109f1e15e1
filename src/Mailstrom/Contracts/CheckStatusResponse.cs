using System.Text.Json.Serialization;

namespace Mailstrom.Contracts;

/// <summary>
/// The body of <c>202 Accepted</c> after <c>POST /api/emails</c>: the email's id and the absolute URLs that manage it,
/// shaped like Durable Functions' check-status payload.
/// </summary>
/// <param name="Id">The email id (orchestration instance id).</param>
/// <param name="StatusQueryGetUri">GET it for the email's status (also the <c>Location</c> header).</param>
/// <param name="TerminatePostUri">POST it to stop further attempts; replace <c>{text}</c> with the reason.</param>
/// <param name="PurgeHistoryDeleteUri">DELETE it to erase the email and its history.</param>
public sealed record CheckStatusResponse(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("statusQueryGetUri")] string StatusQueryGetUri,
    [property: JsonPropertyName("terminatePostUri")] string TerminatePostUri,
    [property: JsonPropertyName("purgeHistoryDeleteUri")] string PurgeHistoryDeleteUri);
