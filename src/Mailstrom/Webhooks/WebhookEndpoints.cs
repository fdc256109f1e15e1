using Mailstrom.Webhooks.Signing;
using Microsoft.Extensions.Options;

namespace Mailstrom.Webhooks;

/// <summary>
/// The configured endpoints, snapshotted from <see cref="WebhookOptions"/> (validated at start-up): which endpoints want
/// an event type, and an endpoint by name. Both engines route events through this one object.
/// </summary>
public sealed class WebhookEndpoints
{
    private readonly Dictionary<string, WebhookEndpoint> _byName;

    /// <summary>Reads the endpoints of <paramref name="options"/>.</summary>
    /// <param name="options">The webhook settings.</param>
    /// <exception cref="OptionsValidationException">The settings are not valid.</exception>
    public WebhookEndpoints(IOptions<WebhookOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var settings = options.Value;
        _byName = new Dictionary<string, WebhookEndpoint>(StringComparer.OrdinalIgnoreCase);
        foreach (var (name, endpoint) in settings.Endpoints.OrderBy(e => e.Key, StringComparer.OrdinalIgnoreCase))
        {
            _byName[name] = new WebhookEndpoint(
                name,
                new Uri(endpoint.Url!, UriKind.Absolute),
                WebhookSecrets.Parse(endpoint.Secret),
                endpoint.Events.ToHashSet(StringComparer.Ordinal));
        }

        All = [.. _byName.Values];
        SubscribedTypes = [.. WebhookEventTypes.All.Where(type => All.Any(e => e.Wants(type)))];
    }

    /// <summary>Every endpoint, by name.</summary>
    public IReadOnlyList<WebhookEndpoint> All { get; }

    /// <summary>The event types at least one endpoint wants; empty when no endpoint is configured.</summary>
    public IReadOnlyList<string> SubscribedTypes { get; }

    /// <summary>The endpoints that want events of <paramref name="type"/>.</summary>
    /// <param name="type">An event type.</param>
    /// <returns>The endpoints, by name.</returns>
    public IEnumerable<WebhookEndpoint> For(string type) => All.Where(e => e.Wants(type));

    /// <summary>The endpoint configured under <paramref name="name"/>.</summary>
    /// <param name="name">An endpoint name.</param>
    /// <returns>The endpoint, or <see langword="null"/> when none is configured under that name (any more).</returns>
    public WebhookEndpoint? Find(string name) => _byName.GetValueOrDefault(name);
}
