namespace Mailstrom.Model;

/// <summary>One recipient's delivery state, with the SMTP reply that explains it.</summary>
/// <param name="Address">The recipient's address (domain in ASCII/punycode form).</param>
/// <param name="Status">Where delivery stands.</param>
/// <param name="Attempts">How many delivery attempts were made.</param>
/// <param name="LastAttemptTime">When the last attempt finished, if any.</param>
/// <param name="NextAttemptTime">When the next attempt is due (Queued and Deferred only).</param>
/// <param name="MxHost">The host that gave the recorded reply.</param>
/// <param name="SmtpCode">The SMTP reply code, e.g. 250 or 451.</param>
/// <param name="EnhancedStatusCode">The RFC 3463 enhanced status code, e.g. <c>4.3.0</c>.</param>
/// <param name="Response">The server's reply text (at most <see cref="MaxResponseLength"/> characters), or Mailstrom's
/// reason when no server replied.</param>
/// <param name="Tls">The negotiated TLS protocol and cipher, or <see langword="null"/> over plaintext.</param>
/// <param name="MtaSts">The recipient domain's MTA-STS policy applied to the last attempt (<c>enforce</c>, <c>testing</c>,
/// or <c>testing: </c> and what would have failed under enforcement), or <see langword="null"/> when none applied.</param>
public sealed record RecipientStatus(
    string Address,
    DeliveryStatus Status,
    int Attempts = 0,
    DateTimeOffset? LastAttemptTime = null,
    DateTimeOffset? NextAttemptTime = null,
    string? MxHost = null,
    int? SmtpCode = null,
    string? EnhancedStatusCode = null,
    string? Response = null,
    string? Tls = null,
    string? MtaSts = null)
{
    /// <summary>The longest reply text kept (a longer one is cut); Mailstrom's own reasons may add a sentence after it.</summary>
    public const int MaxResponseLength = 512;

    /// <summary>Whether this state is final: Delivered, Failed or Cancelled never change again.</summary>
    public bool IsFinal => Status.IsFinal();
}
