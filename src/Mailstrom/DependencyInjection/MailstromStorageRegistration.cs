using Mailstrom.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Mailstrom.DependencyInjection;

/// <summary>Helpers for storage backends registering themselves from their own projects.</summary>
public static class MailstromStorageRegistration
{
    /// <summary>
    /// Registers <typeparamref name="TStore"/> as the one store behind <see cref="IEmailStore"/> and
    /// <see cref="IDeliveryQueue"/>, replacing any store registered before (the last <c>UseX()</c> wins).
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
        builder.Services.RemoveAll<TStore>();
        builder.Services.AddSingleton(factory);
        builder.Services.AddSingleton<IEmailStore>(sp => sp.GetRequiredService<TStore>());
        builder.Services.AddSingleton<IDeliveryQueue>(sp => sp.GetRequiredService<TStore>());
        return builder;
    }
}
