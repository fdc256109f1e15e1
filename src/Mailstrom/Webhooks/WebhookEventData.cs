using System.Text.Json.Serialization;

namespace Mailstrom.Webhooks;

/// <summary>
/// The payload's <c>data</c>: the email id and either one recipient's new state (recipient events) or the email's final
/// counts (email events). Fields that do not apply are left out of the JSON. Never a subject or a body.
/// </summary>
/// <param name="EmailId">The email id.</param>
/// <param name="Recipient">The recipient's address (recipient events).</param>
/// <param name="Status">The recipient's new status: Delivered, Deferred, Failed or Cancelled (recipient events).</param>
/// <param name="Attempts">The recipient's delivery attempts so far (recipient events).</param>
/// <param name="LastAttemptTime">When the last attempt finished (UTC, second precision).</param>
/// <param name="NextAttemptTime">When the next attempt is due (Deferred only).</param>
/// <param name="MxHost">The host that gave the recorded reply.</param>
/// <param name="SmtpCode">The SMTP reply code.</param>
/// <param name="EnhancedStatusCode">The RFC 3463 enhanced status code.</param>
/// <param name="Response">The server's reply text, or Mailstrom's reason when no server replied.</param>
/// <param name="Tls">The negotiated TLS protocol and cipher, if any.</param>
/// <param name="MtaSts">The recipient domain's MTA-STS policy applied to the last attempt (<c>enforce</c>, <c>testing</c>, or
/// <c>testing: </c> and what would have failed under enforcement), if one applied.</param>
/// <param name="RuntimeStatus">The email's final runtime status: Completed or Terminated (email events).</param>
/// <param name="Delivered">Recipients delivered (email events).</param>
/// <param name="Failed">Recipients failed (email events).</param>
/// <param name="Cancelled">Recipients cancelled (email events).</param>
/// <param name="Reason">The reason given when the email was terminated.</param>
public sealed record WebhookEventData(
    [property: JsonPropertyName("emailId")] string EmailId,
    [property: JsonPropertyName("recipient")] string? Recipient = null,
    [property: JsonPropertyName("status")] string? Status = null,
    [property: JsonPropertyName("attempts")] int? Attempts = null,
    [property: JsonPropertyName("lastAttemptTime")] string? LastAttemptTime = null,
    [property: JsonPropertyName("nextAttemptTime")] string? NextAttemptTime = null,
    [property: JsonPropertyName("mxHost")] string? MxHost = null,
    [property: JsonPropertyName("smtpCode")] int? SmtpCode = null,
    [property: JsonPropertyName("enhancedStatusCode")] string? EnhancedStatusCode = null,
    [property: JsonPropertyName("response")] string? Response = null,
    [property: JsonPropertyName("tls")] string? Tls = null,
    [property: JsonPropertyName("mtaSts")] string? MtaSts = null,
    [property: JsonPropertyName("runtimeStatus")] string? RuntimeStatus = null,
    [property: JsonPropertyName("delivered")] int? Delivered = null,
    [property: JsonPropertyName("failed")] int? Failed = null,
    [property: JsonPropertyName("cancelled")] int? Cancelled = null,
    [property: JsonPropertyName("reason")] string? Reason = null);
