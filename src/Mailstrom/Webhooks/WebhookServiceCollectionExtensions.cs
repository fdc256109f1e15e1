using Mailstrom.Webhooks.Sending;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Mailstrom.Webhooks;

/// <summary>Registers the webhook services every engine shares: endpoints, the sender and one try's logic.</summary>
internal static class WebhookServiceCollectionExtensions
{
    /// <summary>
    /// Adds the start-up checks of <see cref="MailstromOptions.Webhooks"/>, <see cref="WebhookEndpoints"/>,
    /// <see cref="WebhookSender"/> and <see cref="WebhookDelivery"/>. Expects <c>IOptions&lt;WebhookOptions&gt;</c> to be
    /// registered (a section of the validated <see cref="MailstromOptions"/>). Safe to call more than once.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <returns>The same collection.</returns>
    public static IServiceCollection AddMailstromWebhooks(this IServiceCollection services)
    {
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MailstromOptions>, WebhookOptionsValidator>());
        services.TryAddSingleton<WebhookEndpoints>();
        services.TryAddSingleton<WebhookSender>();
        services.TryAddSingleton<WebhookDelivery>();
        return services;
    }
}
