using Mailstrom.Delivery.MtaSts;
using Microsoft.Extensions.Time.Testing;

namespace Mailstrom.Tests.Delivery.MtaSts;

public sealed class MtaStsPolicyCacheTests
{
    private static readonly MtaStsPolicy Day = new(MtaStsMode.Enforce, ["mx.d.test"], TimeSpan.FromDays(1));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 3, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public void Decide_NothingCached_FetchesWhenThereIsATxtRecord_ElseNoPolicy()
    {
        var cache = new MtaStsPolicyCache(_time, TimeSpan.FromDays(7));

        Assert.Equal(new MtaStsCacheDecision(null, Fetch: true), cache.Decide("d.test", "id1"));
        Assert.Equal(new MtaStsCacheDecision(null, Fetch: false), cache.Decide("d.test", null));
    }

    [Fact]
    public void Decide_NoRecordAndNothingCached_IsRememberedForTheRetention_AndForgottenWhenAPolicyIsStored()
    {
        var cache = new MtaStsPolicyCache(_time, TimeSpan.FromDays(7));
        Assert.False(cache.IsKnownWithoutRecord("d.test"));

        cache.Decide("d.test", null);
        Assert.True(cache.IsKnownWithoutRecord("D.test"));
        _time.Advance(MtaStsPolicyCache.NoRecordRetention);
        Assert.False(cache.IsKnownWithoutRecord("d.test"));

        cache.Decide("d.test", null);
        cache.Store("d.test", "id1", Day);
        Assert.False(cache.IsKnownWithoutRecord("d.test"));
    }

    [Fact]
    public void Decide_NoRecordButAValidCachedPolicy_IsNotRememberedAsWithoutRecord()
    {
        var cache = Cached();

        cache.Decide("d.test", null);

        Assert.False(cache.IsKnownWithoutRecord("d.test"));
    }

    [Fact]
    public void Decide_ValidPolicyWithTheSameId_IsUsedWithoutFetching()
    {
        var cache = Cached();

        Assert.Equal(new MtaStsCacheDecision(Day, Fetch: false), cache.Decide("D.test", "id1"));
    }

    [Fact]
    public void Decide_TxtRecordGoneOrLookupFailed_KeepsTheValidPolicy()
    {
        var cache = Cached();

        Assert.Equal(new MtaStsCacheDecision(Day, Fetch: false), cache.Decide("d.test", null));
    }

    [Fact]
    public void Decide_NewId_FetchesWithTheCachedPolicyAsFallback()
    {
        var cache = Cached();

        Assert.Equal(new MtaStsCacheDecision(Day, Fetch: true), cache.Decide("d.test", "id2"));
    }

    [Fact]
    public void Decide_AfterMaxAge_ThePolicyIsGone()
    {
        var cache = Cached();
        _time.Advance(TimeSpan.FromDays(1));

        Assert.Equal(new MtaStsCacheDecision(null, Fetch: true), cache.Decide("d.test", "id1"));
        Assert.Equal(new MtaStsCacheDecision(null, Fetch: false), cache.Decide("d.test", null));
    }

    [Fact]
    public void Store_MaxAgeLongerThanTheCap_IsCutToTheCap()
    {
        var cache = new MtaStsPolicyCache(_time, TimeSpan.FromHours(1));
        cache.Store("d.test", "id1", Day);

        _time.Advance(TimeSpan.FromMinutes(59));
        Assert.Equal(Day, cache.Decide("d.test", "id1").Policy);
        _time.Advance(TimeSpan.FromMinutes(1));
        Assert.Null(cache.Decide("d.test", "id1").Policy);
    }

    [Fact]
    public void FetchFailed_IsNotRetriedForTheSameIdUntilTheRetryDelay()
    {
        var cache = Cached();
        cache.FetchFailed("d.test", "id2");

        Assert.Equal(new MtaStsCacheDecision(Day, Fetch: false), cache.Decide("d.test", "id2"));
        Assert.True(cache.Decide("d.test", "id3").Fetch);
        _time.Advance(MtaStsPolicyCache.FetchRetryDelay);
        Assert.Equal(new MtaStsCacheDecision(Day, Fetch: true), cache.Decide("d.test", "id2"));
    }

    [Fact]
    public void Store_BeyondCapacity_DropsTheEntryExpiringFirst()
    {
        var cache = new MtaStsPolicyCache(_time, TimeSpan.FromDays(7));
        cache.Store("first.test", "a", Day with { MaxAge = TimeSpan.FromHours(1) });
        for (var i = 1; i < MtaStsPolicyCache.Capacity; i++)
        {
            cache.Store($"d{i}.test", "a", Day);
        }

        cache.Store("last.test", "a", Day);

        Assert.Null(cache.Decide("first.test", null).Policy);
        Assert.Equal(Day, cache.Decide("d1.test", null).Policy);
        Assert.Equal(Day, cache.Decide("last.test", null).Policy);
    }

    [Fact]
    public void Decide_MemoOfDomainsWithoutRecordFull_KeepsNoNewOne_UntilItsEntriesExpire()
    {
        var cache = new MtaStsPolicyCache(_time, TimeSpan.FromDays(7));
        for (var i = 0; i < MtaStsPolicyCache.Capacity; i++)
        {
            cache.Decide($"d{i}.test", null);
        }

        cache.Decide("new.test", null);
        Assert.False(cache.IsKnownWithoutRecord("new.test"));
        Assert.True(cache.IsKnownWithoutRecord("d0.test"));

        _time.Advance(MtaStsPolicyCache.NoRecordRetention);
        cache.Decide("new.test", null);
        Assert.True(cache.IsKnownWithoutRecord("new.test"));
        Assert.False(cache.IsKnownWithoutRecord("d0.test"));
    }

    private MtaStsPolicyCache Cached()
    {
        var cache = new MtaStsPolicyCache(_time, TimeSpan.FromDays(7));
        cache.Store("d.test", "id1", Day);
        return cache;
    }
}
