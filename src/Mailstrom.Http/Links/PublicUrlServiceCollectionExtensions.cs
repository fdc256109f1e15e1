using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Mailstrom.Http.Links;

/// <summary>Registers the rule for served hosts and returned URLs.</summary>
public static class PublicUrlServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="PublicOrigin"/> over <see cref="PublicUrlOptions"/>, read from <c>Mailstrom:Api:PublicBaseUrl</c>,
    /// <c>AllowedHosts</c> and <c>WEBSITE_HOSTNAME</c> in the app's configuration and validated at start-up. Calling this
    /// more than once is safe.
    /// </summary>
    /// <param name="services">The services; an <see cref="IConfiguration"/> is expected among them.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddPublicUrls(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.Any(d => d.ServiceType == typeof(PublicOrigin)))
        {
            return services;
        }

        services.AddOptions<PublicUrlOptions>()
            .Configure<IConfiguration>((options, configuration) =>
            {
                options.PublicBaseUrl ??= configuration[PublicUrlOptions.PublicBaseUrlKey];
                options.AllowedHosts ??= configuration[PublicUrlOptions.AllowedHostsKey];
                options.AzureHostName ??= configuration[PublicUrlOptions.AzureHostNameKey];
            })
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<PublicUrlOptions>, PublicUrlOptionsValidator>());
        services.TryAddSingleton<PublicOrigin>();
        return services;
    }
}
