using DnsClient;

namespace Mailstrom.Delivery.Dns;

/// <summary>
/// Builds the DnsClient.NET client from <see cref="DnsOptions"/>: the one DNS configuration that MX resolution and the
/// MTA-STS lookups share (configured name servers or the system's, the timeout, one retry, TCP fallback, the TTL cache).
/// </summary>
internal static class DnsClientFactory
{
    /// <summary>A client for <paramref name="options"/>.</summary>
    /// <exception cref="ArgumentException">A configured name server is not <c>ip</c>, <c>ip:port</c> or <c>[ipv6]:port</c>.</exception>
    public static LookupClient Create(DnsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var servers = options.NameServers.Select(text => NameServerParser.TryParse(text, out var endpoint)
            ? new NameServer(endpoint)
            : throw new ArgumentException(
                $"Mailstrom:Dns:NameServers entry '{text}' is not an address such as 192.0.2.53, 192.0.2.53:5353 or [2001:db8::53]:53.",
                nameof(options))).ToArray();
        var clientOptions = servers.Length == 0 ? new LookupClientOptions() : new LookupClientOptions(servers);
        clientOptions.UseCache = true;
        clientOptions.ThrowDnsErrors = false;
        clientOptions.Retries = 1;
        clientOptions.Timeout = options.Timeout;
        clientOptions.UseTcpFallback = true;
        return new LookupClient(clientOptions);
    }
}
