using Mailstrom.Testing.Webhooks;
using Mailstrom.Webhooks;

namespace Mailstrom.Durable.Tests.Webhooks;

/// <summary>Webhook settings for the Durable engine's tests: one endpoint at a loopback receiver, retries a second apart.</summary>
internal static class WebhookSettings
{
    /// <summary>A 32-byte signing secret.</summary>
    public static readonly string Secret = "whsec_" + Convert.ToBase64String(Enumerable.Range(7, 32).Select(i => (byte)i).ToArray());

    /// <summary>Configures an endpoint named <c>hooks</c> at <paramref name="receiver"/>.</summary>
    public static Action<MailstromOptions> To(WebhookReceiver receiver) => o =>
    {
        o.Webhooks.AllowHttp = true;
        o.Webhooks.AllowPrivateDestinations = true;
        o.Webhooks.InitialRetryDelay = TimeSpan.FromSeconds(1);
        o.Webhooks.MaxRetryDelay = TimeSpan.FromSeconds(2);
        o.Webhooks.Endpoints["hooks"] = new WebhookEndpointOptions { Url = receiver.Url.ToString(), Secret = Secret };
    };
}
