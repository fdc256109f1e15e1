namespace Mailstrom.Delivery.MtaSts;

/// <summary>
/// The policies known per recipient domain, and the pure decision of RFC 8461 §5.1 for each delivery: a cached policy
/// still within its <c>max_age</c> (cut to <see cref="MtaStsOptions.MaxPolicyAge"/>) is used while the TXT record's id
/// matches it, and also when the TXT record is missing or its lookup failed; a new id, or no valid cached policy, asks for
/// a fetch, whose failure falls back to the cached policy if one is still valid. A failed fetch is not repeated for the
/// same id within <see cref="FetchRetryDelay"/>. A domain found without a TXT record (and without a cached policy) is
/// not asked again for <see cref="NoRecordRetention"/>, as a resolver's negative cache would: most domains publish no
/// policy, and a lookup on every delivery to them would cost a DNS round trip each. At most <see cref="Capacity"/>
/// domains are kept.
/// </summary>
internal sealed class MtaStsPolicyCache(TimeProvider timeProvider, TimeSpan maxPolicyAge)
{
    /// <summary>How long a failed fetch is remembered, so a domain whose policy host is down is not asked on every delivery.</summary>
    public static readonly TimeSpan FetchRetryDelay = TimeSpan.FromMinutes(1);

    /// <summary>How long a domain found without a TXT record (or whose lookup failed) and without a cached policy is
    /// taken to have none before its TXT record is looked up again.</summary>
    public static readonly TimeSpan NoRecordRetention = TimeSpan.FromMinutes(5);

    /// <summary>The most domains kept (policies, remembered failures and domains without a record, each).</summary>
    public const int Capacity = 10_000;

    /// <summary>How often, at most, a full cache looks for expired entries to drop.</summary>
    public static readonly TimeSpan SweepInterval = TimeSpan.FromMinutes(1);

    private readonly Dictionary<string, Entry> _policies = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Entry> _failures = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Entry> _withoutRecord = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _lock = new();
    private DateTimeOffset _lastSweep = DateTimeOffset.MinValue;

    /// <summary>Whether <paramref name="domain"/> was found without a TXT record less than <see cref="NoRecordRetention"/> ago,
    /// so that its delivery needs no lookup and has no policy.</summary>
    /// <param name="domain">The recipient domain.</param>
    public bool IsKnownWithoutRecord(string domain)
    {
        ArgumentNullException.ThrowIfNull(domain);
        var now = timeProvider.GetUtcNow();
        lock (_lock)
        {
            return _withoutRecord.TryGetValue(domain, out var entry) && now < entry.ExpiresAt;
        }
    }

    /// <summary>What to do for a delivery to <paramref name="domain"/>.</summary>
    /// <param name="domain">The recipient domain.</param>
    /// <param name="txtId">The id of the domain's valid <c>_mta-sts</c> TXT record, or <see langword="null"/> when it has
    /// none (or the lookup failed).</param>
    public MtaStsCacheDecision Decide(string domain, string? txtId)
    {
        ArgumentNullException.ThrowIfNull(domain);
        var now = timeProvider.GetUtcNow();
        lock (_lock)
        {
            var cached = _policies.TryGetValue(domain, out var entry) && now < entry.ExpiresAt ? entry : null;
            if (txtId is null && cached is null)
            {
                Put(_withoutRecord, domain, new Entry(string.Empty, null, now + NoRecordRetention), now, keepWhenFull: false);
            }

            if (txtId is null || (cached is not null && cached.Id == txtId))
            {
                return new MtaStsCacheDecision(cached?.Policy, Fetch: false);
            }

            var recentlyFailed = _failures.TryGetValue(domain, out var failure) && failure.Id == txtId && now < failure.ExpiresAt;
            return new MtaStsCacheDecision(cached?.Policy, Fetch: !recentlyFailed);
        }
    }

    /// <summary>Keeps a freshly fetched policy for its <c>max_age</c>, cut to the configured maximum.</summary>
    public void Store(string domain, string id, MtaStsPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        var now = timeProvider.GetUtcNow();
        var age = policy.MaxAge < maxPolicyAge ? policy.MaxAge : maxPolicyAge;
        lock (_lock)
        {
            _failures.Remove(domain);
            _withoutRecord.Remove(domain);
            Put(_policies, domain, new Entry(id, policy, now + age), now);
        }
    }

    /// <summary>Remembers that fetching the policy of <paramref name="id"/> failed just now.</summary>
    public void FetchFailed(string domain, string id)
    {
        var now = timeProvider.GetUtcNow();
        lock (_lock)
        {
            Put(_failures, domain, new Entry(id, null, now + FetchRetryDelay), now);
        }
    }

    /// <summary>
    /// Keeps <paramref name="entry"/>. A full dictionary drops its expired entries (looked for at most once a minute, so a
    /// burst of new domains does not scan it on every delivery under the lock), then its entry that expires first, or,
    /// for a mere memo (<paramref name="keepWhenFull"/> false), keeps nothing new.
    /// </summary>
    private void Put(Dictionary<string, Entry> entries, string domain, Entry entry, DateTimeOffset now, bool keepWhenFull = true)
    {
        if (entries.Count >= Capacity && !entries.ContainsKey(domain))
        {
            if (now - _lastSweep >= SweepInterval)
            {
                _lastSweep = now;
                foreach (var expired in entries.Where(e => e.Value.ExpiresAt <= now).Select(e => e.Key).ToList())
                {
                    entries.Remove(expired);
                }
            }

            if (entries.Count >= Capacity)
            {
                if (!keepWhenFull)
                {
                    return;
                }

                entries.Remove(entries.MinBy(e => e.Value.ExpiresAt).Key);
            }
        }

        entries[domain] = entry;
    }

    private sealed record Entry(string Id, MtaStsPolicy? Policy, DateTimeOffset ExpiresAt);
}

/// <summary>The cache's answer for one delivery.</summary>
/// <param name="Policy">The policy to apply if no fetch is made or the fetch fails; <see langword="null"/> for none.</param>
/// <param name="Fetch">Whether to fetch the policy now (the TXT id is new, or no valid policy is cached).</param>
internal readonly record struct MtaStsCacheDecision(MtaStsPolicy? Policy, bool Fetch);
