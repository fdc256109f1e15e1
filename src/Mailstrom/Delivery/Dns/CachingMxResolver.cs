using System.Collections.Concurrent;

namespace Mailstrom.Delivery.Dns;

/// <summary>
/// Reuses a domain's resolved MX hosts for as long as their DNS records live (<see cref="MxResolution.TimeToLive"/>,
/// at most <see cref="MaxTimeToLive"/>), so a busy domain costs one lookup per TTL, not one per delivery. Only
/// <see cref="MxResolutionKind.Resolved"/> results are kept; failures are asked again every time. At most
/// <see cref="Capacity"/> domains are held: when full, expired entries are dropped, and a new domain that still does not
/// fit is simply not cached.
/// </summary>
public sealed class CachingMxResolver : IMxResolver
{
    /// <summary>The longest a result is reused, whatever its TTL.</summary>
    public static readonly TimeSpan MaxTimeToLive = TimeSpan.FromHours(1);

    /// <summary>The most domains held.</summary>
    public const int Capacity = 10_000;

    private readonly IMxResolver _inner;
    private readonly TimeProvider _timeProvider;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Creates a cache in front of <paramref name="inner"/>.</summary>
    /// <param name="inner">The resolver that asks DNS.</param>
    /// <param name="timeProvider">The clock that expires entries.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public CachingMxResolver(IMxResolver inner, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(inner);
        ArgumentNullException.ThrowIfNull(timeProvider);
        _inner = inner;
        _timeProvider = timeProvider;
    }

    /// <summary>Gets how many domains are cached (expired entries included until they are dropped).</summary>
    public int Count => _entries.Count;

    /// <inheritdoc/>
    public async Task<MxResolution> ResolveAsync(string domain, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(domain);
        var now = _timeProvider.GetUtcNow();
        if (_entries.TryGetValue(domain, out var cached))
        {
            if (cached.ExpiresAt > now)
            {
                return cached.Resolution;
            }

            _entries.TryRemove(new KeyValuePair<string, Entry>(domain, cached));
        }

        var resolution = await _inner.ResolveAsync(domain, cancellationToken);
        if (resolution.Kind == MxResolutionKind.Resolved && resolution.TimeToLive is { } ttl && ttl > TimeSpan.Zero)
        {
            Add(domain, new Entry(resolution, now + (ttl < MaxTimeToLive ? ttl : MaxTimeToLive)), now);
        }

        return resolution;
    }

    private void Add(string domain, Entry entry, DateTimeOffset now)
    {
        if (_entries.Count >= Capacity && !_entries.ContainsKey(domain))
        {
            foreach (var (key, value) in _entries)
            {
                if (value.ExpiresAt <= now)
                {
                    _entries.TryRemove(new KeyValuePair<string, Entry>(key, value));
                }
            }

            if (_entries.Count >= Capacity)
            {
                return;
            }
        }

        _entries[domain] = entry;
    }

    private sealed record Entry(MxResolution Resolution, DateTimeOffset ExpiresAt);
}
