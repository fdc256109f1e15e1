using System.Net;
using Mailstrom.Delivery;
using Mailstrom.Delivery.Dns;
using Mailstrom.Delivery.Smtp;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mailstrom.Tests.Delivery.Misbehaving;

/// <summary>
/// Hostile DNS answers: an MX (or implicit MX) resolving to loopback, private, link-local, metadata or other
/// non-public addresses is never dialled unless private destinations are allowed.
/// </summary>
public sealed class PrivateDestinationTests
{
    private const int Timeout = 30_000;

    public static TheoryData<string> NonPublicAddresses =>
    [
        "127.0.0.1", "127.0.10.21", "10.0.0.1", "10.255.255.254", "172.16.0.25", "192.168.1.25", "169.254.169.254",
        "100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255", "::1", "::", "fe80::1", "fd00::25", "::ffff:127.0.0.1",
        "::ffff:169.254.169.254", "64:ff9b::a00:1", "2002:a00:1::1",
    ];

    [Theory(Timeout = Timeout)]
    [MemberData(nameof(NonPublicAddresses))]
    public async Task Deliver_MxResolvesToANonPublicAddress_IsDeferredAndNeverDialled(string address)
    {
        var transport = new RecordingTransport();
        var agent = Agent(address, transport, allowPrivate: false);

        var outcome = Assert.Single(await agent.DeliverAsync(Batch(), CancellationToken.None));

        Assert.Empty(transport.Calls);
        Assert.Equal(AttemptOutcomeKind.Transient, outcome.Kind);
        Assert.Equal("4.4.4", outcome.EnhancedStatusCode);
        Assert.Contains("AllowPrivateDestinations=false", outcome.Response, StringComparison.Ordinal);
    }

    [Theory(Timeout = Timeout)]
    [MemberData(nameof(NonPublicAddresses))]
    public async Task Deliver_MxResolvesToANonPublicAddressAndPrivateIsAllowed_DialsItOnce(string address)
    {
        var transport = new RecordingTransport();
        var agent = Agent(address, transport, allowPrivate: true);

        await agent.DeliverAsync(Batch(), CancellationToken.None);

        Assert.Equal([IPAddress.Parse(address)], transport.Calls);
    }

    private static DeliveryBatch Batch() =>
        DeliveryTestData.Batch("hostile.test", DeliveryTestData.Message(DeliveryTestData.NewMessageId()), "victim@hostile.test");

    private static DeliveryAgent Agent(string address, RecordingTransport transport, bool allowPrivate)
    {
        var options = DeliveryTestData.Options(o => o.Delivery.AllowPrivateDestinations = allowPrivate);
        var resolution = MxResolution.Resolved("hostile.test", [new MxHost("mx.hostile.test", 10, [IPAddress.Parse(address)])]);
        return new DeliveryAgent(new FixedResolver(resolution), transport, Microsoft.Extensions.Options.Options.Create(options.Delivery),
            NullLogger<DeliveryAgent>.Instance);
    }

    private sealed class FixedResolver(MxResolution resolution) : IMxResolver
    {
        public Task<MxResolution> ResolveAsync(string domain, CancellationToken cancellationToken) => Task.FromResult(resolution);
    }

    private sealed class RecordingTransport : ISmtpTransport
    {
        public List<IPAddress> Calls { get; } = [];

        public Task<SmtpSessionResult> SendAsync(SmtpEndpoint endpoint, SmtpTransaction transaction, CancellationToken cancellationToken)
        {
            Calls.Add(endpoint.Address);
            return Task.FromResult(SmtpSessionResult.NextHost(
                new AttemptOutcome(AttemptOutcomeKind.Transient, null, "4.4.1", "4.4.1 not dialled in this test", endpoint.HostName)));
        }
    }
}
