using System.Net;
using Mailstrom.Delivery.Dns;
using Mailstrom.Testing.Rig;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Mailstrom.Tests.Delivery.Dns;

/// <summary>Name-server parsing (pure) and MX resolution against the rig's dnsmasq.</summary>
public sealed class DnsMxResolverTests
{
    private const int Timeout = 30_000;

    [Theory]
    [InlineData("127.0.0.1", "127.0.0.1:53")]
    [InlineData(" 127.0.0.1:15353 ", "127.0.0.1:15353")]
    [InlineData("8.8.8.8:53", "8.8.8.8:53")]
    [InlineData("::1", "[::1]:53")]
    [InlineData("2001:db8::53", "[2001:db8::53]:53")]
    [InlineData("[2001:db8::53]:5353", "[2001:db8::53]:5353")]
    [InlineData("[::1]", "[::1]:53")]
    public void TryParseNameServer_AcceptsAddressWithOptionalPort(string text, string expected)
    {
        Assert.True(DnsMxResolver.TryParseNameServer(text, out var endpoint));
        Assert.Equal(IPEndPoint.Parse(expected), endpoint);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData(null)]
    [InlineData("dns.example.com")]
    [InlineData("127.0.0.1:0")]
    [InlineData("127.0.0.1:65536")]
    [InlineData("127.0.0.1:")]
    [InlineData("127.0.0.1:abc")]
    [InlineData("127.1")]
    [InlineData("300.1.1.1")]
    [InlineData("[::1]:")]
    [InlineData("[::1]x")]
    [InlineData("[127.0.0.1]:53")]
    [InlineData("::1:53:")]
    public void TryParseNameServer_RejectsAnythingElse(string? text) =>
        Assert.False(DnsMxResolver.TryParseNameServer(text, out _));

    [RigTest]
    [Fact(Timeout = Timeout)]
    public async Task Resolve_PostfixDomain_ReturnsItsMxHostAndAddress()
    {
        var rig = RigEnvironment.Current;

        var result = await CreateResolver(rig).ResolveAsync(rig.PostfixDomain, CancellationToken.None);

        Assert.Equal(MxResolutionKind.Resolved, result.Kind);
        var host = Assert.Single(result.Hosts);
        Assert.Equal(rig.PostfixMxHost, host.Name);
        Assert.Equal(10, host.Preference);
        Assert.Equal([rig.PostfixAddress], host.Addresses);
        Assert.Equal(TimeSpan.Zero, result.TimeToLive);   // the rig's dnsmasq answers with TTL 0: nothing is cached
    }

    [RigTest]
    [Fact(Timeout = Timeout)]
    public async Task Resolve_RecordsWithATtl_CarryTheShortestTtl()
    {
        var rig = RigEnvironment.Current;

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var result = await CreateResolver(rig).ResolveAsync(rig.Domain("ttl300"), CancellationToken.None);
        var elapsed = clock.Elapsed;

        Assert.Equal(MxResolutionKind.Resolved, result.Kind);
        Assert.Equal([IPAddress.Parse("127.0.10.7")], Assert.Single(result.Hosts).Addresses);
        // A record's TTL counts down in whole seconds from the moment it is received, so the result may be a second or
        // so below the 300 the server sent, never above it.
        Assert.NotNull(result.TimeToLive);
        Assert.InRange(result.TimeToLive.Value, TimeSpan.FromSeconds(300) - elapsed - TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(300));
    }

    [RigTest]
    [Fact(Timeout = Timeout)]
    public async Task Resolve_DomainWithoutMx_UsesTheDomainItselfAsImplicitMx()
    {
        var rig = RigEnvironment.Current;
        var domain = rig.Domain("implicit");

        var result = await CreateResolver(rig).ResolveAsync(domain, CancellationToken.None);

        Assert.Equal(MxResolutionKind.Resolved, result.Kind);
        var host = Assert.Single(result.Hosts);
        Assert.Equal(domain, host.Name);
        Assert.Equal(0, host.Preference);
        Assert.Equal([IPAddress.Parse(rig.Get("ADDR_IMPLICIT"))], host.Addresses);
    }

    [RigTest]
    [Fact(Timeout = Timeout)]
    public async Task Resolve_NullMx_ReportsNullMx()
    {
        var rig = RigEnvironment.Current;

        var result = await CreateResolver(rig).ResolveAsync(rig.Domain("nullmx"), CancellationToken.None);

        Assert.Equal(MxResolutionKind.NullMx, result.Kind);
        Assert.Empty(result.Hosts);
        Assert.StartsWith("5.1.10 ", result.Reason, StringComparison.Ordinal);
    }

    [RigTest]
    [Fact(Timeout = Timeout)]
    public async Task Resolve_NonExistentDomain_ReportsNotFound()
    {
        var rig = RigEnvironment.Current;

        var result = await CreateResolver(rig).ResolveAsync(rig.Domain("missing"), CancellationToken.None);

        Assert.Equal(MxResolutionKind.NotFound, result.Kind);
        Assert.StartsWith("5.1.2 ", result.Reason, StringComparison.Ordinal);
    }

    [RigTest]
    [Fact(Timeout = Timeout)]
    public async Task Resolve_BackupDomain_OrdersHostsByPreference()
    {
        var rig = RigEnvironment.Current;

        var result = await CreateResolver(rig).ResolveAsync(rig.Domain("backup"), CancellationToken.None);

        Assert.Equal(MxResolutionKind.Resolved, result.Kind);
        Assert.Equal([rig.Domain("mx1.backup"), rig.Domain("mx2.backup")], result.Hosts.Select(h => h.Name));
        Assert.Equal([IPAddress.Parse(rig.Get("ADDR_BACKUP_DEAD"))], result.Hosts[0].Addresses);
        Assert.Equal([IPAddress.Parse(rig.Get("ADDR_BACKUP"))], result.Hosts[1].Addresses);
    }

    [Fact(Timeout = Timeout)]
    public async Task Resolve_NameServerThatDoesNotAnswer_IsATemporaryFailureWithinTheTimeout()
    {
        var resolver = new DnsMxResolver(
            Options.Create(new DnsOptions { NameServers = ["127.0.0.1:1"], Timeout = TimeSpan.FromMilliseconds(500) }),
            NullLogger<DnsMxResolver>.Instance);

        var result = await resolver.ResolveAsync("example.mailstrom.test", CancellationToken.None);

        Assert.Equal(MxResolutionKind.TemporaryFailure, result.Kind);
        Assert.StartsWith("4.4.3 ", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Constructor_InvalidNameServer_ThrowsNamingTheSetting()
    {
        var options = Options.Create(new DnsOptions { NameServers = ["dns.example.com"] });

        var error = Assert.Throws<ArgumentException>(() => new DnsMxResolver(options, NullLogger<DnsMxResolver>.Instance));

        Assert.Contains("Mailstrom:Dns:NameServers", error.Message, StringComparison.Ordinal);
    }

    internal static DnsMxResolver CreateResolver(RigEnvironment rig) => new(
        Options.Create(new DnsOptions { NameServers = [rig.DnsServerText], Timeout = TimeSpan.FromSeconds(2) }),
        NullLogger<DnsMxResolver>.Instance);
}
