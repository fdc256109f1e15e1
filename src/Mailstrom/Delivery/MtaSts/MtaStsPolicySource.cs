using Microsoft.Extensions.Logging;

namespace Mailstrom.Delivery.MtaSts;

/// <summary>The MTA-STS policy in force for a recipient domain.</summary>
internal interface IMtaStsPolicySource
{
    /// <summary>The domain's policy, or <see langword="null"/> when it has none (or MTA-STS is disabled).</summary>
    /// <param name="domain">The recipient domain (ASCII).</param>
    /// <param name="cancellationToken">Cancels the lookup (the attempt's deadline).</param>
    Task<MtaStsPolicy?> GetPolicyAsync(string domain, CancellationToken cancellationToken);
}

/// <summary>
/// Discovers policies (RFC 8461 §3, §5.1): the <c>_mta-sts</c> TXT id, then the <see cref="MtaStsPolicyCache"/>'s
/// decision, then a fetch when it asks for one. A fetch that fails leaves the cached policy in force if it is still
/// valid, and otherwise no policy at all. A domain the cache knows to be without a TXT record is not looked up again
/// until <see cref="MtaStsPolicyCache.NoRecordRetention"/> has passed.
/// </summary>
internal sealed class MtaStsPolicySource(
    IMtaStsDns dns, IMtaStsPolicyFetcher fetcher, MtaStsPolicyCache cache, ILogger<MtaStsPolicySource> logger) : IMtaStsPolicySource
{
    public async Task<MtaStsPolicy?> GetPolicyAsync(string domain, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(domain);
        domain = domain.Trim().TrimEnd('.').ToLowerInvariant();
        if (cache.IsKnownWithoutRecord(domain))
        {
            return null;
        }

        var id = await dns.LookupPolicyIdAsync(domain, cancellationToken);
        var decision = cache.Decide(domain, id);
        if (!decision.Fetch || id is null)
        {
            return decision.Policy;
        }

        var fetched = await fetcher.FetchAsync(domain, cancellationToken);
        if (fetched.Policy is { } policy)
        {
            cache.Store(domain, id, policy);
            MtaStsLog.PolicyFetched(logger, domain, policy.ModeName, id, policy.MaxAge);
            return policy;
        }

        cache.FetchFailed(domain, id);
        MtaStsLog.FetchFailed(logger, domain, id, fetched.Error,
            decision.Policy is null ? "delivering as without a policy" : "the cached policy still applies");
        return decision.Policy;
    }
}
