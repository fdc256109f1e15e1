using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using StandardWebhooks;
using StandardWebhooks.Diagnostics;

namespace Mailstrom.Testing.Webhooks;

/// <summary>One request a <see cref="WebhookReceiver"/> got, with the status it answered.</summary>
public sealed record ReceivedWebhook(string? Id, string? Timestamp, string? Signature, string Body, int AnsweredStatus, DateTimeOffset ReceivedAt)
{
    private JsonElement Root => JsonDocument.Parse(Body).RootElement;

    /// <summary>The payload's <c>type</c>.</summary>
    public string Type => Root.GetProperty("type").GetString()!;

    /// <summary>The payload's <c>data</c>.</summary>
    public JsonElement Data => Root.GetProperty("data");

    /// <summary>A string of <c>data</c>, or <see langword="null"/>.</summary>
    public string? DataString(string name) => Data.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    /// <summary>
    /// Verifies the signature with the independent StandardWebhooks package (which also checks that the timestamp is
    /// within five minutes of now). The package looks only at the first entry of a header with several (a rotation), so
    /// each entry is offered to it alone; one must verify.
    /// </summary>
    /// <exception cref="WebhookVerificationException">No entry verifies.</exception>
    public void VerifyWithStandardWebhooks(string secret)
    {
        WebhookVerificationException? last = null;
        foreach (var entry in (Signature ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var headers = new HeaderDictionary
            {
                ["webhook-id"] = Id,
                ["webhook-timestamp"] = Timestamp,
                ["webhook-signature"] = entry,
            };
            try
            {
                new StandardWebhook(secret).Verify(Body, headers);
                return;
            }
            catch (WebhookVerificationException ex)
            {
                last = ex;
            }
        }

        throw last ?? new WebhookVerificationException("no signature");
    }

    /// <summary>
    /// Whether one of the <c>v1</c> signatures is HMAC-SHA256 of <c>{id}.{timestamp}.{body}</c> under the secret, computed
    /// here from the specification (for requests signed at a fake time the package would refuse as stale).
    /// </summary>
    public bool IsSignedWith(string secret)
    {
        var key = Convert.FromBase64String(secret["whsec_".Length..]);
        var expected = "v1," + Convert.ToBase64String(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes($"{Id}.{Timestamp}.{Body}")));
        return (Signature ?? string.Empty).Split(' ').Any(s => CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(s), Encoding.ASCII.GetBytes(expected)));
    }

    /// <summary>The <c>webhook-timestamp</c> as a time.</summary>
    public DateTimeOffset SentAt => DateTimeOffset.FromUnixTimeSeconds(long.Parse(Timestamp!, CultureInfo.InvariantCulture));
}
