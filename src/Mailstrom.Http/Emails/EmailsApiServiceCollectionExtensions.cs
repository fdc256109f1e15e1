using Mailstrom.Http.Links;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Mailstrom.Http.Emails;

/// <summary>Registers the emails API's handlers, for the server and the Functions app alike.</summary>
public static class EmailsApiServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="EmailsHandlers"/> with what they need besides the engine: <see cref="EmailsApiOptions"/> from
    /// <c>Mailstrom:Api</c>, and the served hosts and base of returned URLs (<see cref="PublicUrlServiceCollectionExtensions.AddPublicUrls"/>),
    /// all validated at start-up. Calling this more than once is safe.
    /// </summary>
    /// <param name="services">The services; an <see cref="Microsoft.Extensions.Configuration.IConfiguration"/> is expected among them.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddEmailsHandlers(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddPublicUrls();
        if (services.Any(d => d.ServiceType == typeof(EmailsHandlers)))
        {
            return services;
        }

        services.AddOptions<EmailsApiOptions>().BindConfiguration(EmailsApiOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton<EmailsHandlers>();
        return services;
    }
}
