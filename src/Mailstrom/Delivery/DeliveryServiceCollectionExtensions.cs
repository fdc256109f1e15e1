using Mailstrom.Delivery.Concurrency;
using Mailstrom.Delivery.Dns;
using Mailstrom.Delivery.MtaSts;
using Mailstrom.Delivery.Smtp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Mailstrom.Delivery;

/// <summary>Registers the delivery activity: MX resolver, SMTP transport, agent and settings validation.</summary>
internal static class DeliveryServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IMxResolver"/> (DNS behind a TTL cache), MTA-STS policy discovery, <see cref="ISmtpTransport"/> and <see cref="IDeliveryAgent"/> as singletons (each
    /// only if not registered already, so tests and hosts can substitute them) and the delivery settings validator.
    /// Expects <see cref="MailstromOptions"/> and logging to be registered by the caller.
    /// </summary>
    internal static IServiceCollection AddMailstromDelivery(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<DnsMxResolver>();
        services.TryAddSingleton<IMxResolver>(provider =>
            new CachingMxResolver(provider.GetRequiredService<DnsMxResolver>(), provider.GetRequiredService<TimeProvider>()));
        services.AddMailstromMtaSts();
        services.TryAddSingleton<ISmtpTransport, MailKitSmtpTransport>();
        services.TryAddSingleton<IDeliveryAgent, DeliveryAgent>();
        services.TryAddSingleton<DeliverySlots>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MailstromOptions>, DeliveryOptionsValidator>());
        return services;
    }
}
