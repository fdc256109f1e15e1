using Mailstrom.Testing.Webhooks;
using Mailstrom.Webhooks;
using Microsoft.Extensions.DependencyInjection;

namespace Mailstrom.Durable.Tests.Webhooks;

/// <summary>Webhook settings for the Durable engine's tests: one endpoint at a loopback receiver, retries a second apart.</summary>
internal static class WebhookSettings
{
    /// <summary>A 32-byte signing secret.</summary>
    public static readonly string Secret = "whsec_" + Convert.ToBase64String(Enumerable.Range(7, 32).Select(i => (byte)i).ToArray());

    /// <summary>Registers an endpoint named <c>hooks</c> at <paramref name="receiver"/>.</summary>
    public static Action<IServiceCollection> To(WebhookReceiver receiver) => services => services.Configure<WebhookOptions>(o =>
    {
        o.AllowHttp = true;
        o.AllowPrivateDestinations = true;
        o.InitialRetryDelay = TimeSpan.FromSeconds(1);
        o.MaxRetryDelay = TimeSpan.FromSeconds(2);
        o.Endpoints["hooks"] = new WebhookEndpointOptions { Url = receiver.Url.ToString(), Secret = Secret };
    });
}
