using System.ComponentModel.DataAnnotations;

namespace Mailstrom.Webhooks;

/// <summary>
/// Signed webhooks (<c>Mailstrom:Webhooks</c>, the <see cref="MailstromOptions.Webhooks"/> section): the endpoints told of
/// every recipient status change and every email's end, and how their events are delivered. With no endpoint configured
/// nothing is recorded or sent.
/// </summary>
public sealed class WebhookOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Mailstrom:Webhooks";

    /// <summary>
    /// The endpoints, by name (<c>Mailstrom:Webhooks:Endpoints:{name}:Url</c>). The name identifies the endpoint in stored
    /// events, logs and metrics; letters, digits, <c>-</c> and <c>_</c>, at most 64 characters.
    /// </summary>
    public IDictionary<string, WebhookEndpointOptions> Endpoints { get; set; } =
        new Dictionary<string, WebhookEndpointOptions>(StringComparer.OrdinalIgnoreCase);

    /// <summary>Whether endpoints may use plain <c>http</c> URLs.</summary>
    /// <value>Defaults to <see langword="false"/>: only <c>https</c> URLs are accepted.</value>
    public bool AllowHttp { get; set; }

    /// <summary>
    /// Whether endpoints may be on loopback, private, link-local, CGNAT or other non-public addresses (the same guard as
    /// <c>Mailstrom:Delivery:AllowPrivateDestinations</c>, applied to the addresses a webhook host resolves to).
    /// </summary>
    /// <value>Defaults to <see langword="false"/>: such a target is never connected to.</value>
    public bool AllowPrivateDestinations { get; set; }

    /// <summary>How long one POST may take, connection included, before it counts as failed and is retried.</summary>
    /// <value>Defaults to 10 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>The delay before the first retry of an event a receiver did not take; it doubles with each retry.</summary>
    /// <value>Defaults to 5 seconds.</value>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan InitialRetryDelay { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>The longest delay between two tries of an event; a receiver's <c>Retry-After</c> is honoured up to it.</summary>
    /// <value>Defaults to 1 hour.</value>
    [Range(typeof(TimeSpan), "00:00:00.001", "1.00:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long after the event an undelivered event is retried before it is given up (marked dead).</summary>
    /// <value>Defaults to 3 days.</value>
    [Range(typeof(TimeSpan), "00:00:00", "30.00:00:00")]
    public TimeSpan RetryHorizon { get; set; } = TimeSpan.FromDays(3);

    /// <summary>The most events posted at once by the native engine's dispatcher.</summary>
    /// <value>Defaults to 8.</value>
    [Range(1, 256)]
    public int MaxConcurrency { get; set; } = 8;
}
