using System.Globalization;
using Mailstrom.Functions.Configuration;
using Microsoft.AspNetCore.HttpOverrides;

namespace Mailstrom.Functions.FunctionsHost;

/// <summary>
/// Running as an Azure Functions custom handler: the Functions host starts this executable with
/// <c>FUNCTIONS_CUSTOMHANDLER_PORT</c> set, proxies the HTTP triggers' requests to it unchanged, and posts queue and
/// timer invocations to <c>/{functionName}</c>. In that mode the app listens on that port on 127.0.0.1 only, the host
/// checks the function keys, and, on Azure Storage, the host dequeues work messages, so Mailstrom's own worker is off.
/// </summary>
internal static class CustomHandlerMode
{
    /// <summary>The variable the Functions host sets to the port the handler must listen on.</summary>
    public const string PortVariable = "FUNCTIONS_CUSTOMHANDLER_PORT";

    /// <summary>The worker switch, set to <c>false</c> in this mode on Azure Storage unless configured explicitly.</summary>
    public const string EnableWorkerKey = "Mailstrom:Delivery:EnableWorker";

    /// <summary>
    /// The app setting naming the queue the <c>deliver</c> function is triggered by (<c>%MailstromWorkQueue%</c> in its
    /// <c>function.json</c>): it must be the store's work queue, <c>{NamePrefix}-work</c>.
    /// </summary>
    public const string WorkQueueSetting = "MailstromWorkQueue";

    /// <summary>Whether the Functions host started the app (the port variable is set).</summary>
    /// <param name="configuration">The app's configuration (environment variables included).</param>
    /// <returns><see langword="true"/> in custom-handler mode.</returns>
    public static bool IsRequested(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration[PortVariable]);

    /// <summary>
    /// Applies custom-handler mode when <see cref="PortVariable"/> is set, otherwise listens on the Functions local
    /// default unless an address is configured (<see cref="DefaultUrls.UseFunctionsUrlByDefault"/>).
    /// </summary>
    /// <param name="builder">The application builder.</param>
    /// <returns>The mode, registered as a singleton.</returns>
    /// <exception cref="InvalidOperationException">The port variable is set but is not a TCP port.</exception>
    public static FunctionsHostContext UseCustomHandlerModeWhenHosted(this WebApplicationBuilder builder)
    {
        if (!IsRequested(builder.Configuration))
        {
            builder.UseFunctionsUrlByDefault();
            builder.Services.AddSingleton(FunctionsHostContext.SelfHosted);
            return FunctionsHostContext.SelfHosted;
        }

        var value = builder.Configuration[PortVariable]!;
        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) || port is < 1 or > 65535)
        {
            throw new InvalidOperationException($"{PortVariable} must be a TCP port between 1 and 65535; it is '{value}'.");
        }

        // Only the host, on this machine, may reach the handler: it has already checked the caller's key.
        builder.WebHost.UseUrls(string.Create(CultureInfo.InvariantCulture, $"http://127.0.0.1:{port}"));

        var provider = builder.Configuration[$"{StorageOptions.SectionName}:{nameof(StorageOptions.Provider)}"];
        var onAzureStorage = string.Equals(provider, StorageProviders.AzureStorage, StringComparison.OrdinalIgnoreCase);
        if (onAzureStorage && TriggerMismatch(builder.Configuration) is { } mismatch)
        {
            throw new InvalidOperationException(mismatch);
        }

        if (builder.Configuration[EnableWorkerKey] is null && onAzureStorage)
        {
            builder.Configuration.AddInMemoryCollection([new(EnableWorkerKey, "false")]);
        }

        // The host's proxy is on loopback (the default known proxy): its forwarded headers give the public scheme and
        // host, so the status URLs in responses point at the function app rather than at the handler's port.
        builder.Services.Configure<ForwardedHeadersOptions>(options =>
            options.ForwardedHeaders = ForwardedHeaders.XForwardedHost | ForwardedHeaders.XForwardedProto);

        var context = new FunctionsHostContext(true, port);
        builder.Services.AddSingleton(context);
        return context;
    }

    /// <summary>
    /// Checks that the <c>deliver</c> queue trigger watches the store's work queue: <see cref="WorkQueueSetting"/> must
    /// be <c>{NamePrefix}-work</c>, and the store's account must be the trigger's (<c>AzureWebJobsStorage</c>).
    /// </summary>
    /// <param name="configuration">The app's configuration.</param>
    /// <returns>What to fix, or <see langword="null"/> when the trigger and the store agree. Never contains a secret.</returns>
    public static string? TriggerMismatch(IConfiguration configuration)
    {
        var prefix = configuration[$"{StorageOptions.SectionName}:AzureStorage:NamePrefix"];
        var expected = (string.IsNullOrWhiteSpace(prefix) ? Storage.AzureStorage.AzureStorageOptions.DefaultNamePrefix : prefix) + "-work";
        var configured = configuration[WorkQueueSetting];
        if (!string.Equals(configured, expected, StringComparison.Ordinal))
        {
            return $"The deliver function is triggered by the queue named in the {WorkQueueSetting} app setting; set it to '{expected}' " +
                   $"(the store's work queue, from Mailstrom:Storage:AzureStorage:NamePrefix){(configured is null ? "." : $", not '{configured}'.")}";
        }

        var own = configuration[$"{StorageOptions.SectionName}:AzureStorage:ConnectionString"];
        var host = configuration[AzureStorageSettings.HostStorageKey];
        if (!string.IsNullOrWhiteSpace(own) && !string.Equals(own, host, StringComparison.Ordinal))
        {
            return "The deliver function's queue trigger reads the AzureWebJobsStorage account, but " +
                   "Mailstrom:Storage:AzureStorage:ConnectionString names another one: leave it empty (the store then uses " +
                   "AzureWebJobsStorage) or make both the same.";
        }

        return null;
    }
}
