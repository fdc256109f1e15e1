using Mailstrom.Delivery.Tls;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mailstrom.Delivery.MtaSts;

/// <summary>Registers MTA-STS policy discovery for the delivery agent.</summary>
internal static class MtaStsServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IMtaStsPolicySource"/> (DNS with the <c>Mailstrom:Dns</c> settings, the HTTPS fetcher, the policy
    /// cache) when <see cref="MtaStsOptions.Enabled"/>, and a source that finds no policy otherwise; each only if not
    /// registered already. The settings are checked by <see cref="DeliveryOptionsValidator"/>. Expects <see cref="MailstromOptions"/> and its sections to be registered by the caller.
    /// </summary>
    internal static IServiceCollection AddMailstromMtaSts(this IServiceCollection services)
    {
        services.TryAddSingleton<IMtaStsDns, MtaStsDns>();
        services.TryAddSingleton(sp => new MtaStsPolicyCache(
            sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<IOptions<MtaStsOptions>>().Value.MaxPolicyAge));
        services.TryAddSingleton<IMtaStsPolicyFetcher>(sp =>
        {
            var settings = sp.GetRequiredService<IOptions<MailstromOptions>>().Value;
            var connector = new PolicyHostConnector(sp.GetRequiredService<IMtaStsDns>(), () => settings.Delivery.AllowPrivateDestinations);
            return new MtaStsPolicyFetcher(
                connector, CertificateTrust.Load(settings.MtaSts.CaBundlePath), settings.MtaSts.FetchTimeout, sp.GetRequiredService<TimeProvider>());
        });
        services.TryAddSingleton<IMtaStsPolicySource>(sp => sp.GetRequiredService<IOptions<MtaStsOptions>>().Value.Enabled
            ? new MtaStsPolicySource(
                sp.GetRequiredService<IMtaStsDns>(), sp.GetRequiredService<IMtaStsPolicyFetcher>(),
                sp.GetRequiredService<MtaStsPolicyCache>(), sp.GetRequiredService<ILogger<MtaStsPolicySource>>())
            : NoMtaStsPolicies.Instance);
        return services;
    }

    /// <summary>MTA-STS disabled: no domain has a policy.</summary>
    private sealed class NoMtaStsPolicies : IMtaStsPolicySource
    {
        public static readonly NoMtaStsPolicies Instance = new();

        public Task<MtaStsPolicy?> GetPolicyAsync(string domain, CancellationToken cancellationToken) => Task.FromResult<MtaStsPolicy?>(null);
    }
}
