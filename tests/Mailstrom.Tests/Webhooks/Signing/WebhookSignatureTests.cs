using Mailstrom.Webhooks.Signing;
using StandardWebhooks;

namespace Mailstrom.Tests.Webhooks.Signing;

public sealed class WebhookSignatureTests
{
    private const string Body = """{"type":"recipient.delivered","timestamp":"2026-05-01T12:00:00Z","data":{"emailId":"abc"}}""";

    [Fact]
    public void Sign_MatchesTheStandardWebhooksReferenceImplementation()
    {
        var timestamp = DateTimeOffset.FromUnixTimeSeconds(1_777_000_000);

        var ours = WebhookSignature.Sign("evt_1", timestamp.ToUnixTimeSeconds(), Body, WebhookSecrets.Parse(WebhookTestSecrets.Current));

        Assert.Equal(new StandardWebhook(WebhookTestSecrets.Current).Sign("evt_1", timestamp, Body), ours);
    }

    [Fact]
    public void Sign_WithTwoSecrets_GivesOneEntryPerSecret_EachVerifiableAlone()
    {
        var timestamp = DateTimeOffset.FromUnixTimeSeconds(1_777_000_000);
        var keys = WebhookSecrets.Parse($"{WebhookTestSecrets.Current} {WebhookTestSecrets.Previous}");

        var entries = WebhookSignature.Sign("evt_1", timestamp.ToUnixTimeSeconds(), Body, keys).Split(' ');

        Assert.Equal(2, entries.Length);
        Assert.Equal(new StandardWebhook(WebhookTestSecrets.Current).Sign("evt_1", timestamp, Body), entries[0]);
        Assert.Equal(new StandardWebhook(WebhookTestSecrets.Previous).Sign("evt_1", timestamp, Body), entries[1]);
    }

    [Fact]
    public void Sign_CoversIdTimestampAndBody()
    {
        var keys = WebhookSecrets.Parse(WebhookTestSecrets.Current);
        var signature = WebhookSignature.Sign("evt_1", 100, Body, keys);

        Assert.NotEqual(signature, WebhookSignature.Sign("evt_2", 100, Body, keys));
        Assert.NotEqual(signature, WebhookSignature.Sign("evt_1", 101, Body, keys));
        Assert.NotEqual(signature, WebhookSignature.Sign("evt_1", 100, Body + " ", keys));
    }

    [Theory]
    [InlineData(null, "is required")]
    [InlineData("  ", "is required")]
    [InlineData("c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0", "does not start with whsec_")]
    [InlineData("whsec_not base64!", "is not base64")]
    [InlineData("whsec_c2hvcnQ=", "has 5 key bytes")]
    public void TryParse_RefusesMalformedSecrets_WithoutQuotingThem(string? secret, string expected)
    {
        Assert.False(WebhookSecrets.TryParse(secret, out _, out var error));
        Assert.Contains(expected, error, StringComparison.Ordinal);
        if (secret is { Length: > 8 })
        {
            Assert.DoesNotContain(secret, error, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void TryParse_NamesWhichSecretOfARotationIsWrong()
    {
        Assert.False(WebhookSecrets.TryParse($"{WebhookTestSecrets.Current} whsec_c2hvcnQ=", out _, out var error));
        Assert.StartsWith("secret 2 of 2", error, StringComparison.Ordinal);
    }

    [Fact]
    public void TryParse_ReadsTheKeyBytes()
    {
        Assert.True(WebhookSecrets.TryParse(WebhookTestSecrets.Current, out var keys, out _));
        Assert.Equal(Enumerable.Range(1, 32).Select(i => (byte)i), Assert.Single(keys));
    }
}
