using Mailstrom.Storage.Sqlite;
using Mailstrom.Webhooks;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Mailstrom.DependencyInjection;

/// <summary>Plugs the embedded SQLite store into Mailstrom.</summary>
public static class SqliteMailstromBuilderExtensions
{
    /// <summary>
    /// Stores email in one SQLite file at <paramref name="path"/> (created with its directory if missing). Replaces any
    /// store registered before; calling it again replaces the path.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddMailstrom()</c>.</param>
    /// <param name="path">The database file, for example <c>data/mailstrom.db</c>.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="path"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="path"/> is empty or white space.</exception>
    public static IMailstromBuilder UseSqlite(this IMailstromBuilder builder, string path)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        return builder.UseSqlite(options => options.Path = path);
    }

    /// <summary>
    /// Stores email in one SQLite file configured by <paramref name="configure"/>. The options are validated when the
    /// host starts (or when the store is first resolved): an empty path fails with a message saying what to set.
    /// Replaces any store registered before; calling it again applies the later settings.
    /// </summary>
    /// <param name="builder">The builder returned by <c>AddMailstrom()</c>.</param>
    /// <param name="configure">Sets the options.</param>
    /// <returns>The same builder.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="builder"/> or <paramref name="configure"/> is <see langword="null"/>.</exception>
    public static IMailstromBuilder UseSqlite(this IMailstromBuilder builder, Action<SqliteStorageOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddOptions<SqliteStorageOptions>().Configure(configure).ValidateOnStart();
        builder.Services.TryAddEnumerable(
            ServiceDescriptor.Singleton<IValidateOptions<SqliteStorageOptions>, SqliteStorageOptionsValidator>());
        return builder.UseStore(services => new SqliteMailstromStore(
            services.GetRequiredService<IOptions<SqliteStorageOptions>>().Value, services.GetService<WebhookEndpoints>()));
    }
}
