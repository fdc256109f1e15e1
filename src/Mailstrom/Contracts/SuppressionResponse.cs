using System.Text.Json.Serialization;
using Mailstrom.Suppression;

namespace Mailstrom.Contracts;

/// <summary>One entry of the suppression list as the HTTP API shows it.</summary>
/// <param name="Address">The suppressed address (domain in lower-case ASCII).</param>
/// <param name="SmtpCode">The SMTP reply code of the failure that suppressed it, when a server replied.</param>
/// <param name="EnhancedStatusCode">The RFC 3463 enhanced status code of that failure, e.g. <c>5.1.1</c>.</param>
/// <param name="Response">The reply text, or Mailstrom's reason when no server replied.</param>
/// <param name="SuppressedTime">When the failure happened (UTC, second precision).</param>
/// <param name="EmailId">The email whose delivery failed.</param>
public sealed record SuppressionResponse(
    [property: JsonPropertyName("address")] string Address,
    [property: JsonPropertyName("smtpCode")] int? SmtpCode,
    [property: JsonPropertyName("enhancedStatusCode")] string? EnhancedStatusCode,
    [property: JsonPropertyName("response")] string? Response,
    [property: JsonPropertyName("suppressedTime")] string SuppressedTime,
    [property: JsonPropertyName("emailId")] string EmailId)
{
    /// <summary>Builds the payload from an entry.</summary>
    /// <param name="entry">The entry.</param>
    /// <returns>The payload.</returns>
    public static SuppressionResponse From(SuppressionEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        return new SuppressionResponse(
            entry.Address, entry.SmtpCode, entry.EnhancedStatusCode, entry.Response, DurableTime.Format(entry.SuppressedTime), entry.EmailId);
    }
}
