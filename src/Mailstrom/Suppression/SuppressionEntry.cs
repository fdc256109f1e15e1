namespace Mailstrom.Suppression;

/// <summary>A suppressed address and the permanent failure that put it on the list.</summary>
/// <param name="Address">The address, as <see cref="SuppressionAddress.Normalize"/> keys it (domain in lower-case ASCII).</param>
/// <param name="SmtpCode">The SMTP reply code of the failure, when a server replied (e.g. 550); <see langword="null"/> for
/// Mailstrom's own DNS verdicts.</param>
/// <param name="EnhancedStatusCode">The RFC 3463 enhanced status code of the failure (e.g. <c>5.1.1</c>).</param>
/// <param name="Response">The reply text, or Mailstrom's reason (at most <see cref="Model.RecipientStatus.MaxResponseLength"/> characters).</param>
/// <param name="SuppressedTime">When the failure happened.</param>
/// <param name="EmailId">The email whose delivery failed.</param>
public sealed record SuppressionEntry(
    string Address,
    int? SmtpCode,
    string? EnhancedStatusCode,
    string? Response,
    DateTimeOffset SuppressedTime,
    string EmailId);
