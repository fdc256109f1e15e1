using Mailstrom.Composition;
using Mailstrom.Delivery;
using Mailstrom.Hosting;
using Mailstrom.Storage;
using Mailstrom.Submission;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Mailstrom.DependencyInjection;

/// <summary>Registers Mailstrom in a service collection.</summary>
public static class MailstromServiceCollectionExtensions
{
    /// <summary>
    /// Adds Mailstrom: <see cref="IMailstrom"/>, the composer, and the background delivery worker. Settings bind from
    /// the <c>Mailstrom</c> configuration section when an <see cref="IConfiguration"/> is registered, then
    /// <paramref name="configure"/> runs; they are validated at start-up. Choose a store with <c>UseSqlite()</c> or
    /// <c>UseAzureStorage()</c> on the returned builder. Calling this more than once is safe.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Adjusts the settings after configuration binding.</param>
    /// <returns>A builder for choosing the store.</returns>
    public static IMailstromBuilder AddMailstrom(this IServiceCollection services, Action<MailstromOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var builder = new MailstromBuilder(services);
        if (!services.Any(d => d.ServiceType == typeof(MailstromMarker)))
        {
            AddCore(services);
        }

        // After the configuration binder, so the delegate sees (and may override) the bound settings.
        if (configure is not null)
        {
            services.Configure(configure);
        }

        return builder;
    }

    private static void AddCore(IServiceCollection services)
    {

        services.AddSingleton<MailstromMarker>();
        services.AddOptions<MailstromOptions>().ValidateOnStart();
        services.AddSingleton<IConfigureOptions<MailstromOptions>, MailstromConfigurationBinder>();
        services.AddSingleton<IValidateOptions<MailstromOptions>, MailstromOptionsValidator>();

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IEmailStore>(_ => throw NoStore());
        services.TryAddSingleton<IDeliveryQueue>(_ => throw NoStore());
        services.TryAddSingleton<IWorkSignal, WorkSignal>();
        services.TryAddSingleton<EmailComposer>();
        services.TryAddSingleton<EmailSubmitter>();
        services.TryAddSingleton<IMailstrom, NativeMailstrom>();

        services.AddMailstromDelivery();
        services.TryAddSingleton<BatchRunner>();
        services.AddHostedService<DeliveryWorker>();
    }

    private static InvalidOperationException NoStore() => new(
        "No Mailstrom store is registered. Call UseSqlite(path) (Mailstrom.Storage.Sqlite) or UseAzureStorage(connectionString) " +
        "(Mailstrom.Storage.AzureStorage) on the builder returned by AddMailstrom().");

    private sealed class MailstromMarker;

    /// <summary>Binds the <c>Mailstrom</c> section when the host has configuration; a no-op otherwise.</summary>
    private sealed class MailstromConfigurationBinder(IServiceProvider services) : IConfigureOptions<MailstromOptions>
    {
        public void Configure(MailstromOptions options)
        {
            if (services.GetService<IConfiguration>() is { } configuration)
            {
                configuration.GetSection(MailstromOptions.SectionName).Bind(options);
            }
        }
    }
}
