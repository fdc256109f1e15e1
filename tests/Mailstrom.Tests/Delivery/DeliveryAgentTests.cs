using System.Net;
using Mailstrom.Delivery;
using Mailstrom.Delivery.Dns;
using Mailstrom.Delivery.Smtp;
using Microsoft.Extensions.Logging.Abstractions;

namespace Mailstrom.Tests.Delivery;

/// <summary>The agent's routing with a scripted resolver and transport; the real-server cases are in the .Rig part.</summary>
public sealed class DeliveryAgentTests
{
    private const int Timeout = 30_000;
    private static readonly IPAddress PublicA1 = IPAddress.Parse("198.41.0.4");
    private static readonly IPAddress PublicA2 = IPAddress.Parse("2001:500:2d::d");
    private static readonly IPAddress PublicB1 = IPAddress.Parse("199.9.14.201");

    [Theory(Timeout = Timeout)]
    [InlineData(MxResolutionKind.NullMx, "5.1.10 Recipient address has null MX", AttemptOutcomeKind.Permanent, 556, "5.1.10", AttemptCause.NullMx)]
    [InlineData(MxResolutionKind.NotFound, "5.1.2 Recipient domain d.test does not exist", AttemptOutcomeKind.Permanent, null, "5.1.2", AttemptCause.DomainNotFound)]
    [InlineData(MxResolutionKind.NoUsableHost, "5.4.4 No usable MX host for d.test", AttemptOutcomeKind.Permanent, null, "5.4.4", AttemptCause.Reply)]
    [InlineData(MxResolutionKind.TemporaryFailure, "4.4.3 DNS lookup failed temporarily", AttemptOutcomeKind.Transient, null, "4.4.3", AttemptCause.Reply)]
    public async Task Deliver_WhenDnsHasNoHosts_ReportsTheReasonAndItsTypedCauseForEveryRecipientWithoutDialling(
        MxResolutionKind kind, string reason, AttemptOutcomeKind expectedKind, int? code, string enhanced, AttemptCause cause)
    {
        var transport = new FakeTransport();
        var agent = FakeAgent(MxResolution.Failed(kind, "d.test", reason), transport);

        var outcomes = await agent.DeliverAsync(Batch("a@d.test", "b@d.test"), CancellationToken.None);

        var expected = new AttemptOutcome(expectedKind, code, enhanced, reason) { Cause = cause };
        Assert.Equal([expected, expected], outcomes);
        Assert.Empty(transport.Calls);
    }

    [Fact(Timeout = Timeout)]
    public async Task Deliver_WhenSessionsNeverStart_TriesEveryAddressOfEveryHostInOrder()
    {
        var transport = new FakeTransport(endpoint => endpoint.Address.Equals(PublicB1)
            ? SmtpSessionResult.Completed([Delivered("mx-b.d.test")], certificateValid: null)
            : SmtpSessionResult.NextHost(new AttemptOutcome(AttemptOutcomeKind.Transient, 421, "4.3.2", "4.3.2 busy", endpoint.HostName)));
        var agent = FakeAgent(TwoHosts(), transport);

        var outcomes = await agent.DeliverAsync(Batch("a@d.test"), CancellationToken.None);

        Assert.Equal([PublicA1, PublicA2, PublicB1], transport.Calls.Select(c => c.Address));
        Assert.All(transport.Calls, c => Assert.Equal(2525, c.Port));
        Assert.Equal("mx-b.d.test", Assert.Single(outcomes).MxHost);
        Assert.Equal(AttemptOutcomeKind.Delivered, outcomes[0].Kind);
    }

    [Fact(Timeout = Timeout)]
    public async Task Deliver_WhenEveryHostFails_DefersWithTheLastErrorAndTheLastHostTried()
    {
        var transport = new FakeTransport(endpoint => SmtpSessionResult.NextHost(new AttemptOutcome(
            AttemptOutcomeKind.Transient, null, "4.4.1", $"4.4.1 Connection to {endpoint.HostName} [{endpoint.Address}] failed", endpoint.HostName)));
        var agent = FakeAgent(TwoHosts(), transport);

        var outcomes = await agent.DeliverAsync(Batch("a@d.test", "b@d.test"), CancellationToken.None);

        Assert.Equal(3, transport.Calls.Count);
        Assert.All(outcomes, o =>
        {
            Assert.Equal(AttemptOutcomeKind.Transient, o.Kind);
            Assert.Equal("mx-b.d.test", o.MxHost);
            Assert.Equal($"4.4.1 Connection to mx-b.d.test [{PublicB1}] failed", o.Response);
        });
    }

    [Fact(Timeout = Timeout)]
    public async Task Deliver_WhenEveryAddressIsPrivateAndPrivateIsNotAllowed_DefersWithoutDialling()
    {
        var transport = new FakeTransport();
        var hosts = MxResolution.Resolved("d.test",
            [new MxHost("mx.d.test", 10, [IPAddress.Loopback, IPAddress.Parse("10.1.2.3"), IPAddress.Parse("fd00::1")])]);
        var agent = FakeAgent(hosts, transport, o => o.Delivery.AllowPrivateDestinations = false);

        var outcome = Assert.Single(await agent.DeliverAsync(Batch("a@d.test"), CancellationToken.None));

        Assert.Empty(transport.Calls);
        Assert.Equal(AttemptOutcomeKind.Transient, outcome.Kind);
        Assert.Null(outcome.SmtpCode);
        Assert.Equal("4.4.4", outcome.EnhancedStatusCode);
        Assert.Contains("Mailstrom:Delivery:AllowPrivateDestinations=false", outcome.Response, StringComparison.Ordinal);
    }

    [Fact(Timeout = Timeout)]
    public async Task Deliver_WhenSomeAddressesArePrivate_DialsOnlyThePublicOnes()
    {
        var transport = new FakeTransport(_ => SmtpSessionResult.Completed([Delivered("mx.d.test")], null));
        var hosts = MxResolution.Resolved("d.test", [new MxHost("mx.d.test", 10, [IPAddress.Parse("192.168.1.5"), PublicA1])]);
        var agent = FakeAgent(hosts, transport, o => o.Delivery.AllowPrivateDestinations = false);

        await agent.DeliverAsync(Batch("a@d.test"), CancellationToken.None);

        Assert.Equal([PublicA1], transport.Calls.Select(c => c.Address));
    }

    [Theory(Timeout = Timeout)]
    [InlineData(TlsPolicy.Opportunistic, SmtpSecurity.Opportunistic)]
    [InlineData(TlsPolicy.Required, SmtpSecurity.StartTlsRequired)]
    [InlineData(TlsPolicy.None, SmtpSecurity.None)]
    public async Task Deliver_Direct_MapsTheTlsPolicy(TlsPolicy policy, SmtpSecurity expected)
    {
        var transport = new FakeTransport(_ => SmtpSessionResult.Completed([Delivered("mx-a.d.test")], null));
        var agent = FakeAgent(TwoHosts(), transport, o => o.Delivery.Tls = policy);

        await agent.DeliverAsync(Batch("a@d.test"), CancellationToken.None);

        Assert.Equal(expected, Assert.Single(transport.Calls).Security);
        Assert.Null(transport.Calls[0].Credentials);
    }

    [Theory(Timeout = Timeout)]
    [InlineData(RelayTls.StartTls, SmtpSecurity.StartTlsRequired)]
    [InlineData(RelayTls.Implicit, SmtpSecurity.Implicit)]
    public async Task Deliver_Relay_SendsToTheRelayWithCredentialsAndIgnoresDns(RelayTls tls, SmtpSecurity expected)
    {
        var transport = new FakeTransport(_ => SmtpSessionResult.Completed([Delivered("10.0.0.25")], null));
        var agent = FakeAgent(MxResolution.Failed(MxResolutionKind.NotFound, "d.test", "5.1.2 unused"), transport, o =>
        {
            o.Delivery.Mode = DeliveryMode.Relay;
            o.Delivery.Relay = new RelayOptions { Host = "10.0.0.25", Port = 587, Tls = tls, Username = "u", Password = "p" };
        });

        var outcomes = await agent.DeliverAsync(Batch("a@d.test"), CancellationToken.None);

        var call = Assert.Single(transport.Calls);
        Assert.Equal(new IPEndPoint(IPAddress.Parse("10.0.0.25"), 587), new IPEndPoint(call.Address, call.Port));
        Assert.Equal(expected, call.Security);
        Assert.Equal("u", call.Credentials!.UserName);
        Assert.Equal(AttemptOutcomeKind.Delivered, Assert.Single(outcomes).Kind);
    }

    [Fact(Timeout = Timeout)]
    public async Task Deliver_RelayWithCredentialsButNoTls_RefusesWithoutDialling()
    {
        var transport = new FakeTransport();
        var agent = FakeAgent(TwoHosts(), transport, o =>
        {
            o.Delivery.Mode = DeliveryMode.Relay;
            o.Delivery.Relay = new RelayOptions { Host = "10.0.0.25", Tls = RelayTls.None, Username = "u", Password = "p" };
        });

        var outcome = Assert.Single(await agent.DeliverAsync(Batch("a@d.test"), CancellationToken.None));

        Assert.Empty(transport.Calls);
        Assert.Equal(AttemptOutcomeKind.Transient, outcome.Kind);
        Assert.StartsWith("4.7.10 ", outcome.Response, StringComparison.Ordinal);
    }

    [Fact(Timeout = Timeout)]
    public async Task Deliver_EmptyBatch_ReturnsNoOutcomesAndResolvesNothing()
    {
        var transport = new FakeTransport();
        var agent = FakeAgent(TwoHosts(), transport);

        Assert.Empty(await agent.DeliverAsync(Batch(), CancellationToken.None));
        Assert.Empty(transport.Calls);
    }

    private static MxResolution TwoHosts() => MxResolution.Resolved("d.test",
    [
        new MxHost("mx-a.d.test", 10, [PublicA1, PublicA2]),
        new MxHost("mx-b.d.test", 20, [PublicB1]),
    ]);

    private static AttemptOutcome Delivered(string host) =>
        new(AttemptOutcomeKind.Delivered, 250, "2.0.0", "2.0.0 Ok", host);

    private static DeliveryBatch Batch(params string[] recipients) =>
        DeliveryTestData.Batch("d.test", DeliveryTestData.Message(DeliveryTestData.NewMessageId()), recipients);

    private static DeliveryAgent FakeAgent(MxResolution resolution, FakeTransport transport, Action<MailstromOptions>? configure = null)
    {
        var options = DeliveryTestData.Options(o =>
        {
            o.Delivery.SmtpPort = 2525;
            configure?.Invoke(o);
        });
        return new DeliveryAgent(new FakeResolver(resolution), transport, Microsoft.Extensions.Options.Options.Create(options.Delivery),
            NullLogger<DeliveryAgent>.Instance);
    }

    private sealed class FakeResolver(MxResolution resolution) : IMxResolver
    {
        public Task<MxResolution> ResolveAsync(string domain, CancellationToken cancellationToken) => Task.FromResult(resolution);
    }

    private sealed class FakeTransport(Func<SmtpEndpoint, SmtpSessionResult>? script = null) : ISmtpTransport
    {
        public List<SmtpEndpoint> Calls { get; } = [];

        public Task<SmtpSessionResult> SendAsync(SmtpEndpoint endpoint, SmtpTransaction transaction, CancellationToken cancellationToken)
        {
            Calls.Add(endpoint);
            var result = (script ?? throw new InvalidOperationException("this test expects no SMTP session"))(endpoint);
            return Task.FromResult(result.TryNextHost
                ? result
                : SmtpSessionResult.Completed(transaction.Recipients.Select(_ => result.Outcomes[0]).ToArray(), null));
        }
    }
}
