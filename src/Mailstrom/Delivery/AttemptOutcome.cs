namespace Mailstrom.Delivery;

/// <summary>
/// What one delivery attempt meant for one recipient: a serialisable value, never an exception, carrying the reply
/// that explains it.
/// </summary>
/// <param name="Kind">Delivered, temporary or permanent failure.</param>
/// <param name="SmtpCode">The SMTP reply code, when a server replied.</param>
/// <param name="EnhancedStatusCode">The RFC 3463 enhanced status code (from the reply, or Mailstrom's own).</param>
/// <param name="Response">The server's reply text, or Mailstrom's reason when no server replied.</param>
/// <param name="MxHost">The host that answered (or the last host tried).</param>
/// <param name="Tls">The negotiated TLS protocol and cipher, or <see langword="null"/> over plaintext.</param>
/// <param name="MtaSts">The recipient domain's MTA-STS policy applied to the attempt: <c>enforce</c>, <c>testing</c>, or
/// <c>testing: </c> followed by the check the delivery would have failed under enforcement; <see langword="null"/> when
/// no policy applied.</param>
public sealed record AttemptOutcome(
    AttemptOutcomeKind Kind,
    int? SmtpCode,
    string? EnhancedStatusCode,
    string? Response,
    string? MxHost = null,
    string? Tls = null,
    string? MtaSts = null)
{
    /// <summary>
    /// What Mailstrom itself established, when the outcome is one of its own verdicts rather than a server's reply: a typed
    /// reason that rules (such as the suppression rule) match instead of the text.
    /// </summary>
    /// <value>Defaults to <see cref="AttemptCause.Reply"/>.</value>
    public AttemptCause Cause { get; init; }

    /// <summary>
    /// An outcome Mailstrom reports itself when no server replied: no SMTP code, and a reason that starts with its RFC 3463
    /// enhanced status code (<c>4.4.7 The delivery attempt did not finish…</c>).
    /// </summary>
    /// <param name="kind">Temporary or permanent.</param>
    /// <param name="reason">The enhanced status code, a space, and the explanation.</param>
    /// <param name="mxHost">The host concerned, if any.</param>
    /// <param name="tls">The TLS session, if one was negotiated.</param>
    /// <returns>The outcome.</returns>
    /// <exception cref="ArgumentException"><paramref name="reason"/> does not start with a code and a space.</exception>
    public static AttemptOutcome Local(AttemptOutcomeKind kind, string reason, string? mxHost = null, string? tls = null)
    {
        ArgumentNullException.ThrowIfNull(reason);
        var space = reason.IndexOf(' ', StringComparison.Ordinal);
        if (space < 1)
        {
            throw new ArgumentException("The reason must start with an enhanced status code and a space.", nameof(reason));
        }

        return new(kind, null, reason[..space], reason, mxHost, tls);
    }
}

/// <summary>How an attempt ended for a recipient.</summary>
public enum AttemptOutcomeKind
{
    /// <summary>A server accepted the message (2xx after DATA).</summary>
    Delivered,

    /// <summary>A temporary failure (4xx, lost connection, timeout, DNS trouble): retry later.</summary>
    Transient,

    /// <summary>A permanent failure (5xx, null MX, non-existent domain): do not retry.</summary>
    Permanent,
}

/// <summary>What an outcome rests on: a server's reply, or one of Mailstrom's own verdicts.</summary>
public enum AttemptCause
{
    /// <summary>A server's reply, or any verdict of Mailstrom's not named below.</summary>
    Reply,

    /// <summary>The recipient's domain does not exist (DNS NXDOMAIN). Permanent.</summary>
    DomainNotFound,

    /// <summary>The recipient's domain publishes a null MX (RFC 7505): it accepts no mail. Permanent.</summary>
    NullMx,

    /// <summary>The address is on the suppression list: no attempt was made. Permanent, and not counted as an attempt.</summary>
    Suppressed,

    /// <summary>
    /// A server's reply to the whole transaction, copied to each recipient it covers: MAIL FROM refused, or DATA or the
    /// end of data refused for more than one recipient. It speaks of the message or the sender, not of one mailbox.
    /// </summary>
    TransactionReply,
}
