using Mailstrom.Storage;
using Mailstrom.Suppression;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Mailstrom.DependencyInjection;

/// <summary>How an engine plugs in from its own project: a store for the native engine, or another engine entirely.</summary>
public static class MailstromEngineRegistration
{
    /// <summary>
    /// Registers <typeparamref name="TStore"/> as the one store behind <see cref="IEmailStore"/> and
    /// <see cref="IDeliveryQueue"/>, replacing any store registered before (the last <c>UseX()</c> wins), and the native
    /// engine over it: <see cref="IMailstrom"/> accepts into the store and the background worker delivers from it. A store
    /// that also implements <see cref="IDeliveryBacklog"/> feeds the backlog gauges of <see cref="Diagnostics.MailstromMetrics"/>; one
    /// that implements <see cref="IWebhookOutbox"/> has its webhook events posted by the native dispatcher; one that implements
    /// <see cref="ISuppressionList"/> keeps the suppression list (recorded with the results it comes from).
    /// </summary>
    /// <typeparam name="TStore">The backend's store class.</typeparam>
    /// <param name="builder">The Mailstrom builder.</param>
    /// <param name="factory">Creates the store.</param>
    /// <returns>The same builder.</returns>
    public static IMailstromBuilder UseStore<TStore>(this IMailstromBuilder builder, Func<IServiceProvider, TStore> factory)
        where TStore : class, IEmailStore, IDeliveryQueue
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        builder.Services.RemoveAll<IEmailStore>();
        builder.Services.RemoveAll<IDeliveryQueue>();
        builder.Services.RemoveAll<IDeliveryBacklog>();
        builder.Services.RemoveAll<IWebhookOutbox>();
        builder.Services.RemoveAll<TStore>();
        builder.Services.AddSingleton(factory);
        builder.Services.AddSingleton<IEmailStore>(sp => sp.GetRequiredService<TStore>());
        builder.Services.AddSingleton<IDeliveryQueue>(sp => sp.GetRequiredService<TStore>());
        if (typeof(IDeliveryBacklog).IsAssignableFrom(typeof(TStore)))
        {
            builder.Services.AddSingleton(sp => (IDeliveryBacklog)sp.GetRequiredService<TStore>());
        }

        if (typeof(IWebhookOutbox).IsAssignableFrom(typeof(TStore)))
        {
            builder.Services.AddSingleton(sp => (IWebhookOutbox)sp.GetRequiredService<TStore>());
        }

        builder.Services.RemoveAll<ISuppressionList>();
        if (typeof(ISuppressionList).IsAssignableFrom(typeof(TStore)))
        {
            builder.Services.AddSingleton(sp => (ISuppressionList)sp.GetRequiredService<TStore>());
            builder.Services.TryAddSingleton<SuppressionGate>();
        }

        MailstromServiceCollectionExtensions.AddNativeEngine(builder.Services);
        return builder;
    }

    /// <summary>
    /// Registers an engine other than the native one as <see cref="IMailstrom"/>, replacing any engine registered before,
    /// and removes the native engine's background worker.
    /// </summary>
    /// <param name="builder">The Mailstrom builder.</param>
    /// <param name="factory">Creates the engine's <see cref="IMailstrom"/>.</param>
    /// <returns>The same builder.</returns>
    public static IMailstromBuilder UseEngine(this IMailstromBuilder builder, Func<IServiceProvider, IMailstrom> factory)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(factory);
        builder.Services.RemoveAll<IMailstrom>();
        builder.Services.RemoveAll<IDeliveryBacklog>();
        builder.Services.RemoveAll<IWebhookOutbox>();
        builder.Services.AddSingleton(sp => MailstromServiceCollectionExtensions.Instrumented(sp, factory(sp)));
        MailstromServiceCollectionExtensions.RemoveNativeWorker(builder.Services);
        return builder;
    }
}
