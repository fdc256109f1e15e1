using System.Net;
using Mailstrom.Delivery.MtaSts;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace Mailstrom.Tests.Delivery.MtaSts;

public sealed class MtaStsPolicySourceTests
{
    private static readonly MtaStsPolicy Enforce = new(MtaStsMode.Enforce, ["mx.d.test"], TimeSpan.FromDays(1));
    private static readonly MtaStsPolicy Testing = new(MtaStsMode.Testing, ["mx.d.test"], TimeSpan.FromDays(1));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 3, 10, 0, 0, TimeSpan.Zero));
    private readonly FakeDns _dns = new();
    private readonly FakeFetcher _fetcher = new();

    [Fact]
    public async Task GetPolicy_NoTxtRecord_IsNoPolicy_WithoutFetching()
    {
        Assert.Null(await Source().GetPolicyAsync("d.test", default));
        Assert.Equal(0, _fetcher.Calls);
    }

    [Fact]
    public async Task GetPolicy_NoTxtRecord_IsNotLookedUpAgainUntilTheRetentionHasPassed()
    {
        var source = Source();

        Assert.Null(await source.GetPolicyAsync("d.test", default));
        _dns.Id = "id1";
        _fetcher.Result = new MtaStsFetchResult(Enforce, null);
        _time.Advance(MtaStsPolicyCache.NoRecordRetention - TimeSpan.FromSeconds(1));
        Assert.Null(await source.GetPolicyAsync("d.test", default));
        Assert.Equal(1, _dns.Lookups);

        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(Enforce, await source.GetPolicyAsync("d.test", default));
        Assert.Equal(2, _dns.Lookups);
    }

    [Fact]
    public async Task GetPolicy_CachedPolicy_TheTxtRecordIsLookedUpOnEveryDelivery_EvenAfterItWentMissing()
    {
        var source = Source();
        _dns.Id = "id1";
        _fetcher.Result = new MtaStsFetchResult(Enforce, null);
        Assert.Equal(Enforce, await source.GetPolicyAsync("d.test", default));

        _dns.Id = null;
        Assert.Equal(Enforce, await source.GetPolicyAsync("d.test", default));
        _dns.Id = "id2";
        _fetcher.Result = new MtaStsFetchResult(Testing, null);
        Assert.Equal(Testing, await source.GetPolicyAsync("d.test", default));
        Assert.Equal(3, _dns.Lookups);
    }

    [Fact]
    public async Task GetPolicy_TxtRecord_FetchesOnce_ThenUsesTheCacheWhileTheIdIsUnchanged()
    {
        var source = Source();
        _dns.Id = "id1";
        _fetcher.Result = new MtaStsFetchResult(Enforce, null);

        Assert.Equal(Enforce, await source.GetPolicyAsync("D.test.", default));
        _fetcher.Result = new MtaStsFetchResult(null, "HTTP 500");
        Assert.Equal(Enforce, await source.GetPolicyAsync("d.test", default));
        Assert.Equal(1, _fetcher.Calls);
    }

    [Fact]
    public async Task GetPolicy_FetchFails_WithoutCachedPolicy_IsNoPolicy()
    {
        _dns.Id = "id1";
        _fetcher.Result = new MtaStsFetchResult(null, "HTTP 404");

        Assert.Null(await Source().GetPolicyAsync("d.test", default));
    }

    [Fact]
    public async Task GetPolicy_NewIdWhoseFetchFails_KeepsTheStillValidCachedPolicy()
    {
        var source = Source();
        _dns.Id = "id1";
        _fetcher.Result = new MtaStsFetchResult(Enforce, null);
        await source.GetPolicyAsync("d.test", default);

        _dns.Id = "id2";
        _fetcher.Result = new MtaStsFetchResult(null, "timed out after 10 s");

        Assert.Equal(Enforce, await source.GetPolicyAsync("d.test", default));
        Assert.Equal(2, _fetcher.Calls);
    }

    [Fact]
    public async Task GetPolicy_NewIdWhoseFetchSucceeds_ReplacesThePolicy()
    {
        var source = Source();
        _dns.Id = "id1";
        _fetcher.Result = new MtaStsFetchResult(Enforce, null);
        await source.GetPolicyAsync("d.test", default);

        _dns.Id = "id2";
        _fetcher.Result = new MtaStsFetchResult(Testing, null);

        Assert.Equal(Testing, await source.GetPolicyAsync("d.test", default));
    }

    [Fact]
    public async Task GetPolicy_CachedPolicyExpiredAndFetchFailing_IsNoPolicy()
    {
        var source = Source();
        _dns.Id = "id1";
        _fetcher.Result = new MtaStsFetchResult(Enforce, null);
        await source.GetPolicyAsync("d.test", default);

        _time.Advance(TimeSpan.FromDays(1));
        _fetcher.Result = new MtaStsFetchResult(null, "HTTP 500");

        Assert.Null(await source.GetPolicyAsync("d.test", default));
    }

    private MtaStsPolicySource Source() => new(
        _dns, _fetcher, new MtaStsPolicyCache(_time, TimeSpan.FromDays(7)), NullLogger<MtaStsPolicySource>.Instance);

    private sealed class FakeDns : IMtaStsDns
    {
        public string? Id { get; set; }

        public int Lookups { get; private set; }

        public Task<string?> LookupPolicyIdAsync(string domain, CancellationToken cancellationToken)
        {
            Lookups++;
            return Task.FromResult(Id);
        }

        public Task<IReadOnlyList<IPAddress>> ResolveAsync(string host, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<IPAddress>>([]);
    }

    private sealed class FakeFetcher : IMtaStsPolicyFetcher
    {
        public MtaStsFetchResult Result { get; set; } = new(null, "not set");

        public int Calls { get; private set; }

        public Task<MtaStsFetchResult> FetchAsync(string domain, CancellationToken cancellationToken)
        {
            Assert.Equal("d.test", domain);
            Calls++;
            return Task.FromResult(Result);
        }
    }
}
