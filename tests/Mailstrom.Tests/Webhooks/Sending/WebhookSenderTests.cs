using System.Net;
using Mailstrom.Testing.Webhooks;
using Mailstrom.Webhooks;
using Mailstrom.Webhooks.Sending;
using Mailstrom.Webhooks.Signing;
using Microsoft.Extensions.Options;

namespace Mailstrom.Tests.Webhooks.Sending;

/// <summary>The sender against a real HTTP receiver (Kestrel on 127.0.0.1).</summary>
public sealed class WebhookSenderTests : IAsyncLifetime
{
    private const string Body = """{"type":"email.completed","timestamp":"2026-05-01T12:00:00Z","data":{"emailId":"e1"}}""";
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(30);
    private WebhookReceiver _receiver = null!;

    public async Task InitializeAsync() => _receiver = await WebhookReceiver.StartAsync();

    public async Task DisposeAsync() => await _receiver.DisposeAsync();

    private static WebhookSender Sender(bool allowPrivate = true, Func<string, CancellationToken, Task<IPAddress[]>>? resolve = null) => new(
        Options.Create(new WebhookOptions { AllowHttp = true, AllowPrivateDestinations = allowPrivate, Timeout = TimeSpan.FromSeconds(5) }),
        TimeProvider.System,
        resolve ?? WebhookTargetGuard.SystemResolver);

    private static WebhookEndpoint Endpoint(Uri url, string secret) => new("crm", url, WebhookSecrets.Parse(secret), new HashSet<string>());

    [Fact]
    public async Task PostAsync_SendsTheStandardWebhooksHeaders_VerifiedByTheReferenceImplementation()
    {
        using var sender = Sender();

        var response = await sender.PostAsync(Endpoint(_receiver.Url, WebhookTestSecrets.Current), "evt_e1_completed", Body, CancellationToken.None);

        Assert.Equal(200, response.StatusCode);
        var received = Assert.Single(_receiver.Received);
        Assert.Equal("evt_e1_completed", received.Id);
        Assert.Equal(Body, received.Body);
        Assert.InRange(received.SentAt, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddSeconds(1));
        received.VerifyWithStandardWebhooks(WebhookTestSecrets.Current);
        Assert.ThrowsAny<Exception>(() => received.VerifyWithStandardWebhooks(WebhookTestSecrets.Previous));
    }

    [Fact]
    public async Task PostAsync_DuringARotation_IsVerifiableWithTheOldSecretAndWithTheNew()
    {
        using var sender = Sender();

        await sender.PostAsync(Endpoint(_receiver.Url, $"{WebhookTestSecrets.Current} {WebhookTestSecrets.Previous}"), "evt_1", Body, CancellationToken.None);

        var received = Assert.Single(_receiver.Received);
        received.VerifyWithStandardWebhooks(WebhookTestSecrets.Current);
        received.VerifyWithStandardWebhooks(WebhookTestSecrets.Previous);
    }

    [Fact]
    public async Task PostAsync_ReceiverAsksToRetryLater_ReturnsStatusAndRetryAfter()
    {
        using var sender = Sender();
        _receiver.AnswerWithRetryAfter(429, TimeSpan.FromSeconds(120));

        var response = await sender.PostAsync(Endpoint(_receiver.Url, WebhookTestSecrets.Current), "evt_1", Body, CancellationToken.None);

        Assert.Equal(429, response.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(120), response.RetryAfter);
    }

    [Fact]
    public async Task PostAsync_ReceiverDown_ReturnsNoStatus()
    {
        using var sender = Sender();
        await _receiver.StopAsync();

        var response = await sender.PostAsync(Endpoint(_receiver.Url, WebhookTestSecrets.Current), "evt_1", Body, CancellationToken.None);

        Assert.Null(response.StatusCode);
        Assert.Contains("ConnectionError", response.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PostAsync_LoopbackTargetWithoutAllowPrivateDestinations_IsRefusedWithoutConnecting()
    {
        using var sender = Sender(allowPrivate: false);

        var response = await sender.PostAsync(Endpoint(_receiver.Url, WebhookTestSecrets.Current), "evt_1", Body, CancellationToken.None);

        Assert.Null(response.StatusCode);
        Assert.StartsWith("refused: 127.0.0.1 resolves only to non-public addresses", response.Detail, StringComparison.Ordinal);
        Assert.Empty(_receiver.Received);
    }

    [Fact]
    public async Task PostAsync_HostNameResolvingToAPrivateAddress_IsRefused()
    {
        using var sender = Sender(allowPrivate: false, resolve: (_, _) => Task.FromResult(new[] { IPAddress.Parse("10.0.0.7"), IPAddress.Loopback }));
        var url = new Uri($"http://hooks.example.com:{_receiver.Port}/hooks");

        var response = await sender.PostAsync(Endpoint(url, WebhookTestSecrets.Current), "evt_1", Body, CancellationToken.None);

        Assert.StartsWith("refused: hooks.example.com resolves only to non-public addresses (10.0.0.7, 127.0.0.1)", response.Detail, StringComparison.Ordinal);
        Assert.Empty(_receiver.Received);
    }

    [Fact]
    public async Task PostAsync_ConnectsToTheAddressItChecked_NotToASecondLookup()
    {
        // hooks.example.com exists only in this resolver: the request can reach the receiver only through the address
        // the guard resolved and checked, never through a lookup of its own.
        var lookups = 0;
        using var sender = Sender(resolve: (host, _) =>
        {
            Interlocked.Increment(ref lookups);
            return Task.FromResult(host == "hooks.example.com" ? [IPAddress.Loopback] : Array.Empty<IPAddress>());
        });
        var url = new Uri($"http://hooks.example.com:{_receiver.Port}/hooks");

        var response = await sender.PostAsync(Endpoint(url, WebhookTestSecrets.Current), "evt_1", Body, CancellationToken.None);

        Assert.Equal(200, response.StatusCode);
        Assert.Equal(1, lookups);
        await _receiver.WaitForAcceptedAsync(1, Within);
    }
}
