using System.Text.Json.Serialization;
using Mailstrom.Model;

namespace Mailstrom.Contracts;

/// <summary>One recipient's delivery state, with the SMTP reply that explains it.</summary>
/// <param name="Address">The recipient's address.</param>
/// <param name="Status">Queued, Deferred, Delivered, Failed or Cancelled.</param>
/// <param name="Attempts">How many delivery attempts were made.</param>
/// <param name="LastAttemptTime">When the last attempt finished, if any.</param>
/// <param name="NextAttemptTime">When the next attempt is due (Queued and Deferred only).</param>
/// <param name="MxHost">The host that gave the recorded reply.</param>
/// <param name="SmtpCode">The SMTP reply code, e.g. 250 or 451.</param>
/// <param name="EnhancedStatusCode">The RFC 3463 enhanced status code, e.g. <c>4.3.0</c>.</param>
/// <param name="Response">The server's reply text, or the reason when no server replied.</param>
/// <param name="Tls">The negotiated TLS protocol and cipher, or <see langword="null"/> over plaintext.</param>
/// <param name="MtaSts">The recipient domain's MTA-STS policy applied to the last attempt: <c>enforce</c>, <c>testing</c>,
/// or <c>testing: </c> and what would have failed under enforcement; absent when none applied.</param>
public sealed record RecipientStatusResponse(
    [property: JsonPropertyName("address")] string Address,
    [property: JsonPropertyName("status")] string Status,
    [property: JsonPropertyName("attempts")] int Attempts,
    [property: JsonPropertyName("lastAttemptTime")] string? LastAttemptTime,
    [property: JsonPropertyName("nextAttemptTime")] string? NextAttemptTime,
    [property: JsonPropertyName("mxHost")] string? MxHost,
    [property: JsonPropertyName("smtpCode")] int? SmtpCode,
    [property: JsonPropertyName("enhancedStatusCode")] string? EnhancedStatusCode,
    [property: JsonPropertyName("response")] string? Response,
    [property: JsonPropertyName("tls")] string? Tls,
    [property: JsonPropertyName("mtaSts"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? MtaSts = null)
{
    /// <summary>Builds the payload from the engine's recipient state.</summary>
    /// <param name="recipient">The recipient's state.</param>
    /// <returns>The payload.</returns>
    public static RecipientStatusResponse From(RecipientStatus recipient)
    {
        ArgumentNullException.ThrowIfNull(recipient);
        return new RecipientStatusResponse(
            recipient.Address,
            recipient.Status.ToString(),
            recipient.Attempts,
            DurableTime.Format(recipient.LastAttemptTime),
            DurableTime.Format(recipient.NextAttemptTime),
            recipient.MxHost,
            recipient.SmtpCode,
            recipient.EnhancedStatusCode,
            recipient.Response,
            recipient.Tls,
            recipient.MtaSts);
    }

    /// <summary>The recipient's state read back from this shape (times at second precision).</summary>
    /// <returns>The state.</returns>
    /// <exception cref="FormatException">The status or a time is not one this shape writes.</exception>
    public RecipientStatus ToRecipientStatus() => new(
        Address,
        Enum.TryParse<DeliveryStatus>(Status, ignoreCase: false, out var status) && Enum.IsDefined(status)
            ? status
            : throw new FormatException($"'{Status}' is not a recipient status."),
        Attempts,
        DurableTime.Parse(LastAttemptTime),
        DurableTime.Parse(NextAttemptTime),
        MxHost,
        SmtpCode,
        EnhancedStatusCode,
        Response,
        Tls,
        MtaSts);
}
