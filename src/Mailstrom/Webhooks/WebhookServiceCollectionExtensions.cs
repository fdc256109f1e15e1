using Mailstrom.Webhooks.Sending;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Mailstrom.Webhooks;

/// <summary>Registers the webhook services every engine shares: settings, endpoints, the sender and one try's logic.</summary>
internal static class WebhookServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="WebhookOptions"/> (bound from <c>Mailstrom:Webhooks</c> when configuration is registered, validated
    /// at start-up), <see cref="WebhookEndpoints"/>, <see cref="WebhookSender"/> and <see cref="WebhookDelivery"/>. Safe to
    /// call more than once.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The same collection.</returns>
    public static IServiceCollection AddMailstromWebhooks(this IServiceCollection services)
    {
        services.AddOptions<WebhookOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IConfigureOptions<WebhookOptions>, WebhookConfigurationBinder>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<WebhookOptions>, WebhookOptionsValidator>());
        services.TryAddSingleton<WebhookEndpoints>();
        services.TryAddSingleton<WebhookSender>();
        services.TryAddSingleton<WebhookDelivery>();
        return services;
    }

    /// <summary>Binds the <c>Mailstrom:Webhooks</c> section when the host has configuration; a no-op otherwise.</summary>
    private sealed class WebhookConfigurationBinder(IServiceProvider services) : IConfigureOptions<WebhookOptions>
    {
        public void Configure(WebhookOptions options)
        {
            if (services.GetService<IConfiguration>() is { } configuration)
            {
                configuration.GetSection(WebhookOptions.SectionName).Bind(options);
            }
        }
    }
}
