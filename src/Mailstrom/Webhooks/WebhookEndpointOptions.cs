namespace Mailstrom.Webhooks;

/// <summary>One webhook endpoint (<c>Mailstrom:Webhooks:Endpoints:{name}</c>).</summary>
public sealed class WebhookEndpointOptions
{
    /// <summary>The URL events are POSTed to. Required; <c>https</c> unless <see cref="WebhookOptions.AllowHttp"/>.</summary>
    public string? Url { get; set; }

    /// <summary>
    /// The signing secret in the Standard Webhooks form <c>whsec_</c> + base64 of 24 to 64 random bytes. During a rotation
    /// give the new and the old secret separated by a space: every event is signed with each, and a receiver that knows
    /// either accepts it. Never logged.
    /// </summary>
    public string? Secret { get; set; }

    /// <summary>
    /// The event types sent to this endpoint (see <see cref="WebhookEventTypes"/>), for example
    /// <c>recipient.delivered</c>; empty for all of them.
    /// </summary>
    public IList<string> Events { get; set; } = [];
}
