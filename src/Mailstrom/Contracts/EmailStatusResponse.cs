using System.Text.Json.Serialization;
using Mailstrom.Model;

namespace Mailstrom.Contracts;

/// <summary>
/// One email's status, shaped like Durable Functions' instance status payload. Times are UTC with second precision
/// (<c>2026-11-23T20:33:00Z</c>).
/// </summary>
/// <param name="Name">The orchestration name: always <c>SendEmail</c>.</param>
/// <param name="InstanceId">The email id.</param>
/// <param name="RuntimeStatus">Pending, Running, Completed, Failed or Terminated.</param>
/// <param name="Input">What was submitted, without bodies or attachments.</param>
/// <param name="CustomStatus">Every recipient's delivery state.</param>
/// <param name="Output">Counts per final recipient state once the email is terminal; otherwise <see langword="null"/>.</param>
/// <param name="CreatedTime">When the email was accepted.</param>
/// <param name="LastUpdatedTime">When any part of its state last changed.</param>
public sealed record EmailStatusResponse(
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("instanceId")] string InstanceId,
    [property: JsonPropertyName("runtimeStatus")] string RuntimeStatus,
    [property: JsonPropertyName("input")] EmailInputResponse Input,
    [property: JsonPropertyName("customStatus")] CustomStatusResponse CustomStatus,
    [property: JsonPropertyName("output")] EmailOutputResponse? Output,
    [property: JsonPropertyName("createdTime")] string CreatedTime,
    [property: JsonPropertyName("lastUpdatedTime")] string LastUpdatedTime)
{
    /// <summary>The orchestration name every email runs under.</summary>
    public const string OrchestrationName = "SendEmail";

    /// <summary>Builds the payload from the engine's status.</summary>
    /// <param name="status">The email's status.</param>
    /// <returns>The payload.</returns>
    public static EmailStatusResponse From(EmailStatus status)
    {
        ArgumentNullException.ThrowIfNull(status);
        var output = status.Output;
        return new EmailStatusResponse(
            OrchestrationName,
            status.Id,
            status.RuntimeStatus.ToString(),
            new EmailInputResponse(status.Input.MessageId, status.Input.From, status.Input.Subject, status.Input.RecipientCount),
            new CustomStatusResponse(status.Recipients.Select(RecipientStatusResponse.From).ToList()),
            output is null ? null : new EmailOutputResponse(output.Delivered, output.Failed, output.Cancelled, status.TerminationReason),
            DurableTime.Format(status.CreatedTime),
            DurableTime.Format(status.LastUpdatedTime));
    }
}

/// <summary>The <c>input</c> of a status payload: a summary that never includes bodies or attachments.</summary>
/// <param name="MessageId">The Message-ID, without angle brackets; the same on every attempt.</param>
/// <param name="From">The sender's address.</param>
/// <param name="Subject">The subject line, if any.</param>
/// <param name="RecipientCount">How many distinct recipients the email has.</param>
public sealed record EmailInputResponse(
    [property: JsonPropertyName("messageId")] string MessageId,
    [property: JsonPropertyName("from")] string From,
    [property: JsonPropertyName("subject")] string? Subject,
    [property: JsonPropertyName("recipientCount")] int RecipientCount);

/// <summary>The <c>customStatus</c> of a status payload.</summary>
/// <param name="Recipients">Every recipient's state, in submission order.</param>
public sealed record CustomStatusResponse(
    [property: JsonPropertyName("recipients")] IReadOnlyList<RecipientStatusResponse> Recipients);

/// <summary>The <c>output</c> of a terminal email: how many recipients ended in each final state, and why it was
/// terminated when the caller said.</summary>
/// <param name="Delivered">Recipients delivered.</param>
/// <param name="Failed">Recipients failed.</param>
/// <param name="Cancelled">Recipients cancelled by termination.</param>
/// <param name="Reason">The reason given with the terminate request; omitted when none was given.</param>
public sealed record EmailOutputResponse(
    [property: JsonPropertyName("delivered")] int Delivered,
    [property: JsonPropertyName("failed")] int Failed,
    [property: JsonPropertyName("cancelled")] int Cancelled,
    [property: JsonPropertyName("reason"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Reason = null);
