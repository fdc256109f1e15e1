using System.Text.Json;
using Mailstrom.Model;
using Mailstrom.Webhooks;
using Mailstrom.Webhooks.Signing;

namespace Mailstrom.Tests.Webhooks;

/// <summary>A recipient's state as a webhook event and its JSON payload: the README's example (body and signature), and
/// fields left out when they do not apply.</summary>
public sealed class WebhookEventsTests
{
    private const string EmailId = "0197a3c4e5f67890abcdef0123456789";
    private static readonly DateTimeOffset At = new(2026, 5, 1, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void ForRecipient_DeliveredUnderMtaSts_IsTheReadmeExample()
    {
        var state = Delivered() with { MtaSts = "enforce" };

        var webhookEvent = WebhookEvents.ForRecipient(EmailId, 0, state, At)!;

        Assert.Equal($"evt_{EmailId}_r0_a2_delivered", webhookEvent.Id);
        const string ReadmeBody = """
            {"type":"recipient.delivered","timestamp":"2026-05-01T12:00:00Z","data":{"emailId":"0197a3c4e5f67890abcdef0123456789",
             "recipient":"ana@example.com","status":"Delivered","attempts":2,"lastAttemptTime":"2026-05-01T12:00:00Z",
             "mxHost":"mx1.example.com","smtpCode":250,"enhancedStatusCode":"2.0.0","response":"250 2.0.0 Ok: queued as 4F2A1",
             "tls":"TLSv1.3 TLS_AES_256_GCM_SHA384","mtaSts":"enforce"}}
            """;
        var body = WebhookPayload.Serialize(webhookEvent);

        Assert.Equal(ReadmeBody.ReplaceLineEndings("\n").Replace("\n ", string.Empty, StringComparison.Ordinal), body);
        Assert.Equal("v1,+DV9VRI2SBgfBuHVxhdzfT6LeOyjKVzsR6vX2r55oHc=", WebhookSignature.Sign(
            webhookEvent.Id, At.ToUnixTimeSeconds(), body, WebhookSecrets.Parse("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw")));
    }

    [Fact]
    public void ForRecipient_DeferredByMtaStsEnforce_CarriesTheModeAndNoTls()
    {
        var state = Delivered() with
        {
            Status = DeliveryStatus.Deferred, NextAttemptTime = At.AddMinutes(5), SmtpCode = null, Tls = null,
            Response = "4.7.10 MTA-STS enforce: mx1.example.com offers no STARTTLS", MtaSts = "enforce",
        };

        var data = Data(WebhookEvents.ForRecipient(EmailId, 0, state, At)!);

        Assert.Equal("enforce", data.GetProperty("mtaSts").GetString());
        Assert.False(data.TryGetProperty("tls", out _));
        Assert.Equal("2026-05-01T12:05:00Z", data.GetProperty("nextAttemptTime").GetString());
    }

    [Fact]
    public void ForRecipient_NoMtaStsPolicy_LeavesTheFieldOut()
    {
        var data = Data(WebhookEvents.ForRecipient(EmailId, 0, Delivered(), At)!);

        Assert.False(data.TryGetProperty("mtaSts", out _));
        Assert.Equal("TLSv1.3 TLS_AES_256_GCM_SHA384", data.GetProperty("tls").GetString());
    }

    [Fact]
    public void ForEmail_HasNoRecipientFields()
    {
        var data = Data(WebhookEvents.ForEmail(EmailId, false, 1, 0, 0, null, At));

        Assert.False(data.TryGetProperty("mtaSts", out _));
        Assert.False(data.TryGetProperty("recipient", out _));
        Assert.Equal("Completed", data.GetProperty("runtimeStatus").GetString());
    }

    [Fact]
    public void ForRecipient_Queued_IsNoEvent() =>
        Assert.Null(WebhookEvents.ForRecipient(EmailId, 0, new RecipientStatus("ana@example.com", DeliveryStatus.Queued), At));

    private static RecipientStatus Delivered() => new(
        "ana@example.com", DeliveryStatus.Delivered, Attempts: 2, LastAttemptTime: At, MxHost: "mx1.example.com", SmtpCode: 250,
        EnhancedStatusCode: "2.0.0", Response: "250 2.0.0 Ok: queued as 4F2A1", Tls: "TLSv1.3 TLS_AES_256_GCM_SHA384");

    private static JsonElement Data(WebhookEvent webhookEvent)
    {
        using var document = JsonDocument.Parse(WebhookPayload.Serialize(webhookEvent));
        return document.RootElement.GetProperty("data").Clone();
    }
}
