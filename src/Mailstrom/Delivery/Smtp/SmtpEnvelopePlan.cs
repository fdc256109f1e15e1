using MimeKit;

namespace Mailstrom.Delivery.Smtp;

/// <summary>
/// The envelope actually sent in one session: recipients that cannot be sent to this server (SMTPUTF8 needed but not
/// offered, RFC 6531 §3.4; an unparsable address) are decided before MAIL FROM; the rest become RCPT TO mailboxes.
/// A recipient needs SMTPUTF8 for its non-ASCII address or for the message's UTF-8 header fields (the composer marks
/// every recipient of such a message); either way the transaction then declares SMTPUTF8 (<see cref="International"/>).
/// </summary>
internal sealed class SmtpEnvelopePlan
{
    private readonly AttemptOutcome?[] _decided;
    private readonly int[] _mailboxIndex;

    private SmtpEnvelopePlan(int count)
    {
        _decided = new AttemptOutcome?[count];
        _mailboxIndex = Enumerable.Repeat(-1, count).ToArray();
    }

    public MailboxAddress? Sender { get; private set; }

    public List<MailboxAddress> Mailboxes { get; } = [];

    public bool International { get; private set; }

    public static SmtpEnvelopePlan Create(SmtpTransaction transaction, bool serverHasSmtpUtf8, string host, string? tls)
    {
        var recipients = transaction.Recipients;
        var plan = new SmtpEnvelopePlan(recipients.Count);
        var senderNeedsUtf8 = !transaction.EnvelopeFrom.All(char.IsAscii);
        AttemptOutcome? allFail = null;
        if (senderNeedsUtf8 && !serverHasSmtpUtf8)
        {
            allFail = DeliveryReasons.SmtpUtf8NotSupported(host, transaction.EnvelopeFrom, tls);
        }
        else if (!TryMailbox(transaction.EnvelopeFrom, out var sender, out var error))
        {
            allFail = DeliveryReasons.InvalidEnvelope($"MAIL FROM {transaction.EnvelopeFrom}: {error}") with { MxHost = host, Tls = tls };
        }
        else
        {
            plan.Sender = sender;
        }

        for (var i = 0; i < recipients.Count; i++)
        {
            var recipient = recipients[i];
            if (allFail is not null)
            {
                plan._decided[i] = allFail;
            }
            else if (recipient.RequiresSmtpUtf8 && !serverHasSmtpUtf8)
            {
                plan._decided[i] = DeliveryReasons.SmtpUtf8NotSupported(host, recipient.Address, tls);
            }
            else if (!TryMailbox(recipient.Address, out var mailbox, out var error))
            {
                plan._decided[i] = DeliveryReasons.InvalidEnvelope($"RCPT TO {recipient.Address}: {error}") with { MxHost = host, Tls = tls };
            }
            else
            {
                plan._mailboxIndex[i] = plan.Mailboxes.Count;
                plan.Mailboxes.Add(mailbox);
                plan.International |= recipient.RequiresSmtpUtf8 || !recipient.Address.All(char.IsAscii);
            }
        }

        plan.International |= senderNeedsUtf8;
        return plan;
    }

    /// <summary>One outcome per recipient in order: decided ones as planned, sent ones from <paramref name="sent"/>.</summary>
    public AttemptOutcome[] Complete(Func<MailboxAddress, AttemptOutcome> sent)
    {
        var outcomes = new AttemptOutcome[_decided.Length];
        for (var i = 0; i < outcomes.Length; i++)
        {
            outcomes[i] = _decided[i] ?? sent(Mailboxes[_mailboxIndex[i]]);
        }

        return outcomes;
    }

    private static bool TryMailbox(string address, out MailboxAddress mailbox, out string? error)
    {
        try
        {
            mailbox = new MailboxAddress(string.Empty, address);
            error = null;
            return true;
        }
        catch (ParseException ex)
        {
            mailbox = null!;
            error = ex.Message;
            return false;
        }
    }
}
