namespace Mailstrom.Diagnostics;

/// <summary>The attribute names on Mailstrom's metrics and spans.</summary>
public static class TelemetryTags
{
    /// <summary>The email id (spans only: an id per email would make metrics unbounded).</summary>
    public const string EmailId = "mailstrom.email.id";

    /// <summary>How many recipients a delivery attempt has (spans only).</summary>
    public const string RecipientCount = "mailstrom.recipient.count";

    /// <summary>The recipients' domain of a delivery attempt (spans only).</summary>
    public const string Domain = "mailstrom.domain";

    /// <summary>The MX host or relay that answered, or the last one tried (spans only).</summary>
    public const string ServerAddress = "server.address";

    /// <summary>Whether the session ran over TLS.</summary>
    public const string Tls = "mailstrom.tls";

    /// <summary>The SMTP reply code of the attempt (spans only): the first refusal, else the acceptance.</summary>
    public const string ReplyCode = "mailstrom.smtp.reply_code";

    /// <summary>A recipient's state after an attempt: <c>delivered</c>, <c>deferred</c> or <c>failed</c>.</summary>
    public const string RecipientStatus = "mailstrom.recipient.status";

    /// <summary>The class of the enhanced status code (RFC 3463): <c>2</c>, <c>4</c>, <c>5</c>, or <c>none</c>.</summary>
    public const string StatusClass = "mailstrom.smtp.status_class";

    /// <summary>What an attempt did for its recipients: <c>delivered</c>, <c>deferred</c>, <c>failed</c> or <c>mixed</c>.</summary>
    public const string AttemptResult = "mailstrom.attempt.result";

    /// <summary>Whether a submission replayed an earlier one with the same idempotency key.</summary>
    public const string Replayed = "mailstrom.replayed";

    /// <summary>Why a submission was refused: <c>invalid</c>, <c>conflict</c>, <c>cancelled</c> or <c>error</c>.</summary>
    public const string Refusal = "mailstrom.refusal";
}
