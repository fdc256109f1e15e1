using Mailstrom.Storage.AzureStorage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mailstrom.DependencyInjection;

/// <summary>Plugs the Azure Storage store (Tables, Queues, Blobs) into Mailstrom.</summary>
public static class AzureStorageMailstromBuilderExtensions
{
    /// <summary>
    /// Stores email in the storage account named by <paramref name="connectionString"/> (for example
    /// <c>UseDevelopmentStorage=true</c> for Azurite), with the default name prefix. Replaces any store registered
    /// before; calling it again replaces the connection string.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddMailstrom()</c>.</param>
    /// <param name="connectionString">The storage account's connection string.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="connectionString"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="connectionString"/> is empty or white space.</exception>
    public static IMailstromBuilder UseAzureStorage(this IMailstromBuilder builder, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        return builder.UseAzureStorage(options => options.ConnectionString = connectionString);
    }

    /// <summary>
    /// Stores email in Azure Storage configured by <paramref name="configure"/>. The options are validated when the
    /// host starts (or when the store is first resolved), with messages saying what to set. Replaces any store
    /// registered before; calling it again applies the later settings too.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddMailstrom()</c>.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    public static IMailstromBuilder UseAzureStorage(this IMailstromBuilder builder, Action<AzureStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddOptions<AzureStorageOptions>().Configure(configure).ValidateOnStart();
        builder.Services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<AzureStorageOptions>, AzureStorageOptionsValidator>());
        return builder.UseStore(services => new AzureStorageMailstromStore(
            services.GetRequiredService<IOptions<AzureStorageOptions>>().Value,
            services.GetService<TimeProvider>() ?? TimeProvider.System,
            services.GetService<ILogger<AzureStorageMailstromStore>>()));
    }
}
