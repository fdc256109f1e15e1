using System.Text;
using Mailstrom.Composition;
using Mailstrom.Model;
using Mailstrom.Storage;

namespace Mailstrom.Testing.Storage;

/// <summary>Hand-built emails and attempt results for store tests.</summary>
public static class StoreTestData
{
    /// <summary>The fixed base time of store tests; tests advance it explicitly.</summary>
    public static readonly DateTimeOffset T0 = new(2025, 3, 1, 12, 0, 0, TimeSpan.Zero);

    /// <summary>The sender used by every test email.</summary>
    public const string EnvelopeFrom = "bounces@sender.test";

    /// <summary>An email with <paramref name="recipients"/> recipients; the second one needs SMTPUTF8.</summary>
    public static NewEmail Email(
        string id,
        DateTimeOffset created,
        int recipients = 2,
        IdempotencyKey? idempotency = null,
        string? subject = "Quarterly report")
    {
        var list = Enumerable.Range(0, recipients).Select(Recipient).ToList();
        var content = Encoding.UTF8.GetBytes($"Message-ID: <{id}@mail.sender.test>\r\nSubject: {subject}\r\n\r\nBody of {id}\r\n");
        var composed = new ComposedEmail($"{id}@mail.sender.test", EnvelopeFrom, "alice@sender.test", subject, content, list);
        return new NewEmail(id, composed, created, idempotency);
    }

    /// <summary>The recipient at <paramref name="ordinal"/> of <see cref="Email"/>.</summary>
    public static EnvelopeRecipient Recipient(int ordinal) => ordinal == 1
        ? new EnvelopeRecipient("dörte@example1.test", "example1.test", RequiresSmtpUtf8: true)
        : new EnvelopeRecipient($"user{ordinal}@example{ordinal % 3}.test", $"example{ordinal % 3}.test", RequiresSmtpUtf8: false);

    /// <summary>A successful attempt.</summary>
    public static RecipientResult Delivered(DeliveryWorkItem item, DateTimeOffset now) => new(
        item.EmailId,
        item.Ordinal,
        item.LeaseToken,
        new RecipientStatus(item.Address, DeliveryStatus.Delivered, item.Attempts + 1, now, null,
            "mx1.example.test", 250, "2.0.0", "2.0.0 Ok: queued as 4F2A1", "TLSv1.3 TLS_AES_256_GCM_SHA384", "testing: mx1.example.test is not in the policy"),
        now);

    /// <summary>A permanent failure.</summary>
    public static RecipientResult Failed(DeliveryWorkItem item, DateTimeOffset now) => new(
        item.EmailId,
        item.Ordinal,
        item.LeaseToken,
        new RecipientStatus(item.Address, DeliveryStatus.Failed, item.Attempts + 1, now, null,
            "mx1.example.test", 550, "5.1.1", "5.1.1 <user@example.test>: Recipient address rejected"),
        now);

    /// <summary>A temporary failure retried at <paramref name="next"/>.</summary>
    public static RecipientResult Deferred(DeliveryWorkItem item, DateTimeOffset now, DateTimeOffset next) => new(
        item.EmailId,
        item.Ordinal,
        item.LeaseToken,
        new RecipientStatus(item.Address, DeliveryStatus.Deferred, item.Attempts + 1, now, next,
            "mx2.example.test", 451, "4.3.0", "4.3.0 Try again later"),
        now);
}
