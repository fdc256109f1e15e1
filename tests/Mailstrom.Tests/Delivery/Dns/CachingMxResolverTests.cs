using System.Net;
using Mailstrom.Delivery.Dns;
using Microsoft.Extensions.Time.Testing;

namespace Mailstrom.Tests.Delivery.Dns;

/// <summary>The TTL cache in front of DNS: what it keeps, for how long, and what it never keeps.</summary>
public sealed class CachingMxResolverTests
{
    private readonly FakeTimeProvider _clock = new(new DateTimeOffset(2026, 11, 24, 12, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Resolve_WithinTheTtl_AsksDnsOnce()
    {
        var dns = new CountingResolver(_ => Resolved(TimeSpan.FromSeconds(60)));
        var cache = new CachingMxResolver(dns, _clock);

        var first = await cache.ResolveAsync("example.test", CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(59));
        var second = await cache.ResolveAsync("EXAMPLE.test", CancellationToken.None);

        Assert.Equal(1, dns.Calls);
        Assert.Same(first, second);
    }

    [Fact]
    public async Task Resolve_AfterTheTtl_AsksDnsAgain()
    {
        var dns = new CountingResolver(_ => Resolved(TimeSpan.FromSeconds(60)));
        var cache = new CachingMxResolver(dns, _clock);

        await cache.ResolveAsync("example.test", CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(60));
        await cache.ResolveAsync("example.test", CancellationToken.None);

        Assert.Equal(2, dns.Calls);
    }

    [Fact]
    public async Task Resolve_LongTtl_IsCappedAtOneHour()
    {
        var dns = new CountingResolver(_ => Resolved(TimeSpan.FromDays(2)));
        var cache = new CachingMxResolver(dns, _clock);

        await cache.ResolveAsync("example.test", CancellationToken.None);
        _clock.Advance(CachingMxResolver.MaxTimeToLive - TimeSpan.FromSeconds(1));
        await cache.ResolveAsync("example.test", CancellationToken.None);
        _clock.Advance(TimeSpan.FromSeconds(1));
        await cache.ResolveAsync("example.test", CancellationToken.None);

        Assert.Equal(2, dns.Calls);
    }

    [Theory]
    [InlineData(MxResolutionKind.TemporaryFailure)]
    [InlineData(MxResolutionKind.NotFound)]
    [InlineData(MxResolutionKind.NullMx)]
    [InlineData(MxResolutionKind.NoUsableHost)]
    public async Task Resolve_Failures_AreNeverCached(MxResolutionKind kind)
    {
        var dns = new CountingResolver(domain => MxResolution.Failed(kind, domain, "4.4.3 test") with { TimeToLive = TimeSpan.FromHours(1) });
        var cache = new CachingMxResolver(dns, _clock);

        await cache.ResolveAsync("example.test", CancellationToken.None);
        await cache.ResolveAsync("example.test", CancellationToken.None);

        Assert.Equal(2, dns.Calls);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public async Task Resolve_ZeroOrUnknownTtl_IsNotCached()
    {
        var ttls = new Queue<TimeSpan?>([TimeSpan.Zero, null, TimeSpan.Zero]);
        var dns = new CountingResolver(_ => Resolved(ttls.Dequeue()));
        var cache = new CachingMxResolver(dns, _clock);

        for (var i = 0; i < 3; i++)
        {
            await cache.ResolveAsync("example.test", CancellationToken.None);
        }

        Assert.Equal(3, dns.Calls);
    }

    [Fact]
    public async Task Resolve_DomainsAreCachedSeparately()
    {
        var dns = new CountingResolver(_ => Resolved(TimeSpan.FromMinutes(5)));
        var cache = new CachingMxResolver(dns, _clock);

        var a = await cache.ResolveAsync("a.test", CancellationToken.None);
        var b = await cache.ResolveAsync("b.test", CancellationToken.None);
        await cache.ResolveAsync("a.test", CancellationToken.None);

        Assert.Equal(2, dns.Calls);
        Assert.Equal("a.test", a.Domain);
        Assert.Equal("b.test", b.Domain);
    }

    [Fact]
    public async Task Resolve_WhenFull_DropsExpiredEntriesAndSkipsNewDomainsThatStillDoNotFit()
    {
        var ttl = TimeSpan.FromMinutes(1);
        var dns = new CountingResolver(_ => Resolved(ttl));
        var cache = new CachingMxResolver(dns, _clock);
        for (var i = 0; i < CachingMxResolver.Capacity; i++)
        {
            await cache.ResolveAsync($"d{i}.test", CancellationToken.None);
        }

        await cache.ResolveAsync("late.test", CancellationToken.None);
        await cache.ResolveAsync("late.test", CancellationToken.None);
        Assert.Equal(CachingMxResolver.Capacity, cache.Count);
        Assert.Equal(CachingMxResolver.Capacity + 2, dns.Calls);

        _clock.Advance(ttl);
        await cache.ResolveAsync("late.test", CancellationToken.None);
        await cache.ResolveAsync("late.test", CancellationToken.None);
        Assert.Equal(1, cache.Count);
        Assert.Equal(CachingMxResolver.Capacity + 3, dns.Calls);
    }

    [Fact]
    public async Task Resolve_Cancelled_CachesNothing()
    {
        var dns = new CountingResolver(_ => throw new OperationCanceledException());
        var cache = new CachingMxResolver(dns, _clock);

        await Assert.ThrowsAsync<OperationCanceledException>(() => cache.ResolveAsync("example.test", CancellationToken.None));

        Assert.Equal(0, cache.Count);
    }

    private static MxResolution Resolved(TimeSpan? ttl) =>
        MxResolution.Resolved("example.test", [new MxHost("mx.example.test", 10, [IPAddress.Parse("192.0.2.25")])]) with { TimeToLive = ttl };

    private sealed class CountingResolver(Func<string, MxResolution> answer) : IMxResolver
    {
        public int Calls { get; private set; }

        public Task<MxResolution> ResolveAsync(string domain, CancellationToken cancellationToken)
        {
            Calls++;
            var resolution = answer(domain);
            return Task.FromResult(resolution.Kind == MxResolutionKind.Resolved ? resolution with { Domain = domain } : resolution);
        }
    }
}
