namespace Mailstrom.Testing.Smtp;

/// <summary>What a <see cref="ScriptedSmtpServer"/> answers. Replies are full lines such as <c>451 4.3.0 Later</c>.</summary>
public sealed class ScriptedSmtpBehavior
{
    /// <summary>The greeting line.</summary>
    public string Greeting { get; init; } = "220 scripted.mailstrom.test ESMTP";

    /// <summary>Whether EHLO advertises SMTPUTF8.</summary>
    public bool SmtpUtf8 { get; init; }

    /// <summary>Whether EHLO advertises 8BITMIME (on by default).</summary>
    public bool EightBitMime { get; init; } = true;

    /// <summary>Whether EHLO advertises PIPELINING.</summary>
    public bool Pipelining { get; init; }

    /// <summary>The reply to MAIL FROM.</summary>
    public string MailFromReply { get; init; } = "250 2.1.0 Ok";

    /// <summary>The reply to each RCPT TO, given the address and the 1-based connection number.</summary>
    public Func<string, int, string> RcptReply { get; init; } = (_, _) => "250 2.1.5 Ok";

    /// <summary>The reply after the end of DATA, given the 1-based connection number.</summary>
    public Func<int, string> DataReply { get; init; } = _ => "250 2.0.0 Ok: queued as SCRIPTED";

    /// <summary>Whether to drop the connection in the middle of the message data (after its first line).</summary>
    public bool DropDuringData { get; init; }

    /// <summary>A local-part based RCPT script: <c>ok*</c> → 250, <c>later*</c> → 451, <c>never*</c> → 550.</summary>
    public static Func<string, int, string> ByLocalPart { get; } = (address, _) =>
        address.StartsWith("later", StringComparison.OrdinalIgnoreCase) ? "451 4.2.1 Mailbox busy, try later"
        : address.StartsWith("never", StringComparison.OrdinalIgnoreCase) ? "550 5.1.1 No such mailbox"
        : "250 2.1.5 Ok";
}
