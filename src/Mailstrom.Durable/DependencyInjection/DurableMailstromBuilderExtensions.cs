using Azure.Storage.Blobs;
using Mailstrom.Durable;
using Mailstrom.Durable.Activities;
using Mailstrom.Durable.Client;
using Mailstrom.Durable.Content;
using Mailstrom.Durable.DependencyInjection;
using Mailstrom.Durable.Orchestrations;
using Mailstrom.Durable.Suppression;
using Mailstrom.Durable.Webhooks;
using Mailstrom.Suppression;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Mailstrom.DependencyInjection;

/// <summary>Registration of the Durable engine.</summary>
public static class DurableMailstromBuilderExtensions
{
    /// <summary>
    /// Uses the Durable engine: <see cref="IMailstrom"/> schedules one <see cref="DurableTaskNames.SendEmail"/>
    /// orchestration per email through the <see cref="DurableTaskClient"/> registered in the container, and message
    /// bytes and the suppression list go to blob containers. The native worker is removed. The orchestrator and activity run wherever a Durable
    /// Task worker has them registered (<see cref="AddMailstromTasks"/>, or the Functions app's wrappers). Calling this
    /// more than once is safe.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddMailstrom()</c>.</param>
    /// <param name="configure">Adjusts the settings bound from <c>Mailstrom:Durable</c>.</param>
    /// <returns>The same builder.</returns>
    public static IMailstromBuilder UseDurableTask(this IMailstromBuilder builder, Action<DurableEngineOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        var options = services.AddOptions<DurableEngineOptions>().BindConfiguration(DurableEngineOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton<IMessageContentStore>(sp =>
        {
            var settings = sp.GetRequiredService<IOptions<DurableEngineOptions>>().Value;
            return new BlobMessageContentStore(new BlobContainerClient(settings.ConnectionString, settings.ContentContainer));
        });
        services.TryAddSingleton<ISuppressionList>(sp =>
        {
            var settings = sp.GetRequiredService<IOptions<DurableEngineOptions>>().Value;
            return new BlobSuppressionList(new BlobContainerClient(settings.ConnectionString, settings.SuppressionContainer));
        });
        services.TryAddSingleton<SuppressionGate>();
        services.TryAddSingleton<RecipientDelivery>();
        services.TryAddSingleton<WebhookNotifier>();
        services.TryAddSingleton<DurableMailstromFactory>();
        return builder.UseEngine(sp => sp.GetRequiredService<DurableMailstromFactory>().Create(sp.GetRequiredService<DurableTaskClient>()));
    }

    /// <summary>Registers the Durable engine's orchestrators and activities (delivery and webhooks) with a Durable Task worker.</summary>
    /// <param name="registry">The worker's task registry.</param>
    /// <returns>The same registry.</returns>
    public static DurableTaskRegistry AddMailstromTasks(this DurableTaskRegistry registry)
    {
        ArgumentNullException.ThrowIfNull(registry);
        return registry
            .AddOrchestrator<SendEmailOrchestrator>()
            .AddActivity<DeliverActivity>()
            .AddActivity<NotifyActivity>()
            .AddOrchestrator<WebhookRetriesOrchestrator>()
            .AddActivity<PostWebhookActivity>();
    }
}
