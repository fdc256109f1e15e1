using System.Text.Json.Serialization;

namespace Mailstrom.Functions.Emails;

/// <summary>
/// Durable Functions' built-in management URLs of an email's orchestration instance
/// (<c>/runtime/webhooks/durabletask/instances/{id}</c>), as its check-status payload names them. Under the Functions
/// host they carry the task hub, the connection and the Durable extension's system key in the query string: that key
/// manages every instance of the task hub, so hand these URLs only to callers trusted with it. A URL the extension does
/// not offer is omitted.
/// </summary>
/// <param name="Id">The instance id (the email id).</param>
/// <param name="StatusQueryGetUri">GET it for the instance's Durable status.</param>
/// <param name="SendEventPostUri">POST an event to it; replace <c>{eventName}</c>.</param>
/// <param name="TerminatePostUri">POST it to terminate the instance; replace <c>{text}</c> with the reason.</param>
/// <param name="PurgeHistoryDeleteUri">DELETE it to purge the instance's history.</param>
/// <param name="SuspendPostUri">POST it to suspend the instance; replace <c>{text}</c> with the reason.</param>
/// <param name="ResumePostUri">POST it to resume the instance; replace <c>{text}</c> with the reason.</param>
/// <param name="RewindPostUri">POST it to rewind a failed instance, when offered.</param>
/// <param name="RestartPostUri">POST it to restart the instance, when offered.</param>
public sealed record DurableManagementUrls(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("statusQueryGetUri"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? StatusQueryGetUri,
    [property: JsonPropertyName("sendEventPostUri"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? SendEventPostUri,
    [property: JsonPropertyName("terminatePostUri"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? TerminatePostUri,
    [property: JsonPropertyName("purgeHistoryDeleteUri"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? PurgeHistoryDeleteUri,
    [property: JsonPropertyName("suspendPostUri"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? SuspendPostUri = null,
    [property: JsonPropertyName("resumePostUri"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? ResumePostUri = null,
    [property: JsonPropertyName("rewindPostUri"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RewindPostUri = null,
    [property: JsonPropertyName("restartPostUri"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? RestartPostUri = null);
