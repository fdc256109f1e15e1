namespace Mailstrom.Webhooks;

/// <summary>A configured endpoint, read once at start: where it is, its signing keys and what it wants.</summary>
/// <param name="Name">The name it is configured under.</param>
/// <param name="Url">The URL events are POSTed to.</param>
/// <param name="Keys">The key bytes of each current secret.</param>
/// <param name="Events">The event types it wants; empty for all.</param>
public sealed record WebhookEndpoint(string Name, Uri Url, IReadOnlyList<byte[]> Keys, IReadOnlySet<string> Events)
{
    /// <summary>Whether this endpoint wants events of <paramref name="type"/>.</summary>
    /// <param name="type">An event type.</param>
    /// <returns><see langword="true"/> when it subscribed to the type, or to every type.</returns>
    public bool Wants(string type) => Events.Count == 0 || Events.Contains(type);
}
