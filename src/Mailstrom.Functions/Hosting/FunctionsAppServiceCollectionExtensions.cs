using Mailstrom.DependencyInjection;
using Mailstrom.Durable.DependencyInjection;
using Mailstrom.Http.Emails;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Mailstrom.Functions.Hosting;

/// <summary>Registers what the Functions app's functions need.</summary>
public static class FunctionsAppServiceCollectionExtensions
{
    /// <summary>The app setting that holds the Functions host's storage account, which is also the task hub's.</summary>
    public const string StorageConnectionSetting = "AzureWebJobsStorage";

    /// <summary>
    /// Adds Mailstrom with the Durable engine (settings from the <c>Mailstrom</c> section, validated at start-up), its
    /// message content in a blob container of the <see cref="StorageConnectionSetting"/> account unless
    /// <c>Mailstrom:Durable:ConnectionString</c> names another, the shared HTTP handlers with their bounds, served hosts and
    /// base of returned URLs (<c>Mailstrom:Api</c>, <c>AllowedHosts</c>), and problem details. The engine's
    /// client is the one the host binds to each invocation (<c>DurableMailstromFactory.Create</c>), never one from the
    /// container. Calling this more than once is safe.
    /// </summary>
    /// <param name="services">The app's services; an <see cref="IConfiguration"/> is expected among them.</param>
    /// <returns>The same services.</returns>
    public static IServiceCollection AddMailstromFunctionsApp(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        services.AddMailstrom().UseDurableTask();
        services.AddOptions<DurableEngineOptions>().Configure<IConfiguration>((options, configuration) =>
        {
            if (string.IsNullOrWhiteSpace(options.ConnectionString))
            {
                options.ConnectionString = configuration[StorageConnectionSetting] ?? string.Empty;
            }
        });
        services.AddEmailsHandlers();
        services.AddProblemDetails();
        return services;
    }
}
