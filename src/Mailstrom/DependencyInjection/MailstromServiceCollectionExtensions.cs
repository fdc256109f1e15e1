using System.Diagnostics.Metrics;
using Mailstrom.Composition;
using Mailstrom.Composition.Signing;
using Mailstrom.Delivery;
using Mailstrom.Delivery.Dns;
using Mailstrom.Delivery.MtaSts;
using Mailstrom.Retry;
using Mailstrom.Diagnostics;
using Mailstrom.Hosting;
using Mailstrom.Storage;
using Mailstrom.Submission;
using Mailstrom.Suppression;
using Mailstrom.Webhooks;
using Mailstrom.Webhooks.Outbox;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Mailstrom.DependencyInjection;

/// <summary>Registers Mailstrom in a service collection.</summary>
public static class MailstromServiceCollectionExtensions
{
    /// <summary>
    /// Adds Mailstrom's core: settings, the composer and the delivery core (MX resolution, SMTP). Settings bind from the
    /// <c>Mailstrom</c> configuration section when an <see cref="IConfiguration"/> is registered, then
    /// <paramref name="configure"/> runs; they are validated at start-up. Choose the engine on the returned builder:
    /// the native engine with a store (<c>UseSqlite()</c>), or the Durable engine (<c>UseDurableTask()</c>); either
    /// registers <see cref="IMailstrom"/>. Calling this more than once is safe.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Adjusts the settings after configuration binding.</param>
    /// <returns>A builder for choosing the engine.</returns>
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

    /// <summary>
    /// Each feature reads only its own section of the validated settings (<see cref="DeliveryOptions"/>,
    /// <see cref="DnsOptions"/>, <see cref="MtaStsOptions"/>, <see cref="RetryOptions"/>, <see cref="LimitsOptions"/>, <see cref="WebhookOptions"/>, <see cref="SuppressionOptions"/>): the sections of the one
    /// <see cref="MailstromOptions"/> that configuration binds, <c>AddMailstrom(configure)</c> adjusts and start-up
    /// validates. Change them there, not with <c>Configure&lt;DeliveryOptions&gt;</c>.
    /// </summary>
    private static void AddSections(IServiceCollection services)
    {
        services.AddSingleton<IOptions<DeliveryOptions>>(sp => Options.Create(Settings(sp).Delivery));
        services.AddSingleton<IOptions<DnsOptions>>(sp => Options.Create(Settings(sp).Dns));
        services.AddSingleton<IOptions<MtaStsOptions>>(sp => Options.Create(Settings(sp).MtaSts));
        services.AddSingleton<IOptions<RetryOptions>>(sp => Options.Create(Settings(sp).Retry));
        services.AddSingleton<IOptions<LimitsOptions>>(sp => Options.Create(Settings(sp).Limits));
        services.AddSingleton<IOptions<WebhookOptions>>(sp => Options.Create(Settings(sp).Webhooks));
        services.AddSingleton<IOptions<SuppressionOptions>>(sp => Options.Create(Settings(sp).Suppression));

        static MailstromOptions Settings(IServiceProvider services) => services.GetRequiredService<IOptions<MailstromOptions>>().Value;
    }

    private static void AddCore(IServiceCollection services)
    {
        services.AddSingleton<MailstromMarker>();
        services.AddOptions<MailstromOptions>().ValidateOnStart();
        services.AddSingleton<IConfigureOptions<MailstromOptions>, MailstromConfigurationBinder>();
        services.AddSingleton<IValidateOptions<MailstromOptions>, MailstromOptionsValidator>();
        services.AddSingleton<IValidateOptions<MailstromOptions>, SuppressionOptionsValidator>();
        AddSections(services);

        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(sp => new MailstromMetrics(
            sp.GetService<IMeterFactory>(), sp.GetService<IDeliveryBacklog>(), sp.GetService<TimeProvider>()));
        services.TryAddSingleton<IMailstrom>(_ => throw NoEngine());
        services.TryAddSingleton<EmailComposer>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<MailstromOptions>, DkimOptionsValidator>());
        services.AddMailstromDelivery();
        services.AddMailstromWebhooks();
    }

    /// <summary>
    /// Registers the native engine over the store registered as <see cref="IEmailStore"/> and <see cref="IDeliveryQueue"/>:
    /// <see cref="IMailstrom"/> accepts into the store, and the background <see cref="DeliveryWorker"/> claims due
    /// recipients from it. Called by each store's <c>UseX()</c>; calling it more than once is safe.
    /// </summary>
    /// <param name="services">The service collection.</param>
    internal static void AddNativeEngine(IServiceCollection services)
    {
        services.RemoveAll<IMailstrom>();
        services.TryAddSingleton<NativeMailstrom>();
        services.AddSingleton<IMailstrom>(sp => Instrumented(sp, sp.GetRequiredService<NativeMailstrom>()));
        services.TryAddSingleton<IWorkSignal, WorkSignal>();
        services.TryAddSingleton<EmailSubmitter>();
        services.TryAddSingleton<BatchRunner>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, DeliveryWorker>());
        services.TryAddSingleton<OutboxSignal>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, OutboxDispatcher>());
    }

    /// <summary>Removes the native engine's background worker and webhook dispatcher, for an engine that delivers by other means.</summary>
    /// <param name="services">The service collection.</param>
    internal static void RemoveNativeWorker(IServiceCollection services)
    {
        foreach (var worker in services.Where(d => d.ServiceType == typeof(IHostedService)
            && (d.ImplementationType == typeof(DeliveryWorker) || d.ImplementationType == typeof(OutboxDispatcher))).ToList())
        {
            services.Remove(worker);
        }
    }

    /// <summary>The engine wrapped with the acceptance telemetry, unless its factory wrapped it already.</summary>
    /// <param name="services">The container.</param>
    /// <param name="engine">The engine.</param>
    /// <returns>The wrapped engine.</returns>
    internal static IMailstrom Instrumented(IServiceProvider services, IMailstrom engine) => engine is InstrumentedMailstrom
        ? engine
        : new InstrumentedMailstrom(engine, services.GetRequiredService<MailstromMetrics>(), services.GetRequiredService<TimeProvider>());

    private static InvalidOperationException NoEngine() => new(
        "No Mailstrom engine is registered. On the builder returned by AddMailstrom(), call UseSqlite(path) " +
        "(Mailstrom.Storage.Sqlite: the native engine on an embedded store) or UseDurableTask() (Mailstrom.Durable: " +
        "one orchestration per email on Durable Task).");

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
