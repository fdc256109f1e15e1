using System.Net;
using DnsClient;
using DnsClient.Protocol;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mailstrom.Delivery.Dns;

/// <summary>
/// Resolves MX hosts with DnsClient.NET, using the name servers of <see cref="DnsOptions"/> (or the system's), with
/// answers cached for their TTL. Every address (A, then AAAA) of every MX host is returned, not just the first. A resolved
/// result carries the shortest TTL of the records it was built from (<see cref="MxResolution.TimeToLive"/>), which
/// <see cref="CachingMxResolver"/> honours.
/// </summary>
public sealed class DnsMxResolver : IMxResolver
{
    private readonly IDnsQuery _dns;
    private readonly Func<int, int> _pickIndex;
    private readonly ILogger _logger;

    /// <summary>Creates a resolver from the DNS settings.</summary>
    /// <param name="options">The DNS settings (<c>Mailstrom:Dns</c>).</param>
    /// <param name="logger">The logger.</param>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentException">A configured name server is not <c>ip</c>, <c>ip:port</c> or <c>[ipv6]:port</c>.</exception>
    public DnsMxResolver(IOptions<DnsOptions> options, ILogger<DnsMxResolver> logger)
        : this(DnsClientFactory.Create(options?.Value ?? throw new ArgumentNullException(nameof(options))), Random.Shared.Next, logger)
    {
    }

    internal DnsMxResolver(IDnsQuery dns, Func<int, int> pickIndex, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(logger);
        _dns = dns;
        _pickIndex = pickIndex;
        _logger = logger;
    }

    /// <summary>Parses a name server written as <c>ip</c>, <c>ip:port</c>, <c>ipv6</c> or <c>[ipv6]:port</c> (port 53 by default).</summary>
    /// <param name="text">The text to parse.</param>
    /// <param name="endpoint">The name server's endpoint, when the text is valid.</param>
    /// <returns>Whether <paramref name="text"/> is a valid name server.</returns>
    public static bool TryParseNameServer(string? text, out IPEndPoint endpoint) => NameServerParser.TryParse(text, out endpoint);

    /// <inheritdoc/>
    public async Task<MxResolution> ResolveAsync(string domain, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(domain);
        domain = Normalize(domain);
        var mx = await QueryAsync(domain, QueryType.MX, cancellationToken);
        var resolution = mx.Status switch
        {
            LookupStatus.NotFound => MxResolution.Failed(MxResolutionKind.NotFound, domain,
                $"5.1.2 Recipient domain {domain} does not exist (DNS NXDOMAIN)"),
            LookupStatus.TemporaryFailure => MxResolution.Failed(MxResolutionKind.TemporaryFailure, domain,
                $"4.4.3 DNS lookup of MX for {domain} failed temporarily: {mx.Error}"),
            _ => await ResolveHostsAsync(domain, mx.Records.OfType<MxRecord>().ToList(), cancellationToken),
        };
        DeliveryLog.MxResolved(_logger, domain, resolution.Kind, resolution.Hosts.Count);
        return resolution;
    }

    private async Task<MxResolution> ResolveHostsAsync(string domain, List<MxRecord> records, CancellationToken cancellationToken)
    {
        List<(string Name, int Preference)> targets;
        if (records.Count == 0)
        {
            // RFC 5321 §5.1: no MX records, so the domain itself is the implicit MX.
            targets = [(domain, 0)];
        }
        else
        {
            var named = records.Select(r => (Name: Normalize(r.Exchange.Value), Preference: (int)r.Preference)).ToList();
            if (named.Count == 1 && named[0].Name.Length == 0)
            {
                return MxResolution.Failed(MxResolutionKind.NullMx, domain,
                    $"5.1.10 Recipient address has null MX ({domain} publishes MX 0 \".\", RFC 7505)");
            }

            // A "." among other MX records is a misconfiguration: it is simply not a host.
            targets = [.. MxOrdering.Order(named.Where(n => n.Name.Length > 0), n => n.Preference, _pickIndex)];
        }

        var lookups = await Task.WhenAll(targets.Select(t => ResolveAddressesAsync(t.Name, cancellationToken)));
        var hosts = new List<MxHost>();
        var anyTemporary = false;
        string? lastError = null;
        var ttl = ShortestTimeToLive(records, null);
        for (var i = 0; i < targets.Count; i++)
        {
            var (addresses, temporary, error, addressRecords) = lookups[i];
            anyTemporary |= temporary;
            lastError = error ?? lastError;
            if (addresses.Count > 0)
            {
                hosts.Add(new MxHost(targets[i].Name, targets[i].Preference, addresses));
                ttl = ShortestTimeToLive(addressRecords, ttl);
            }
        }

        if (hosts.Count > 0)
        {
            // A temporary failure for one host's addresses is not cached: the next lookup may find more hosts.
            return MxResolution.Resolved(domain, hosts) with { TimeToLive = anyTemporary ? null : ttl };
        }

        return anyTemporary
            ? MxResolution.Failed(MxResolutionKind.TemporaryFailure, domain,
                $"4.4.3 DNS lookup of the MX host addresses for {domain} failed temporarily: {lastError}")
            : MxResolution.Failed(MxResolutionKind.NoUsableHost, domain,
                $"5.4.4 No usable MX host for {domain}: no host ({string.Join(", ", targets.Select(t => t.Name))}) has an A or AAAA record");
    }

    private async Task<(IReadOnlyList<IPAddress> Addresses, bool Temporary, string? Error, IEnumerable<DnsResourceRecord> Records)> ResolveAddressesAsync(
        string host, CancellationToken cancellationToken)
    {
        var v4 = QueryAsync(host, QueryType.A, cancellationToken);
        var v6 = QueryAsync(host, QueryType.AAAA, cancellationToken);
        var (a, aaaa) = (await v4, await v6);
        var addresses = a.Records.OfType<ARecord>().Select(r => r.Address)
            .Concat(aaaa.Records.OfType<AaaaRecord>().Select(r => r.Address))
            .Distinct()
            .ToList();
        var temporary = a.Status == LookupStatus.TemporaryFailure || aaaa.Status == LookupStatus.TemporaryFailure;
        if (addresses.Count == 0 && temporary)
        {
            DeliveryLog.MxHostLookupFailed(_logger, host, a.Error ?? aaaa.Error);
        }

        return (addresses, temporary, a.Error ?? aaaa.Error, a.Records.Concat(aaaa.Records));
    }

    /// <summary>The shortest TTL among <paramref name="records"/> and <paramref name="shortest"/> (if any).</summary>
    private static TimeSpan? ShortestTimeToLive(IEnumerable<DnsResourceRecord> records, TimeSpan? shortest)
    {
        foreach (var record in records)
        {
            var ttl = TimeSpan.FromSeconds(Math.Max(0, record.TimeToLive));
            shortest = shortest is { } current && current <= ttl ? current : ttl;
        }

        return shortest;
    }

    private async Task<Lookup> QueryAsync(string name, QueryType type, CancellationToken cancellationToken)
    {
        IDnsQueryResponse response;
        try
        {
            response = await _dns.QueryAsync(name, type, QueryClass.IN, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            // Timeouts and unreachable servers: DnsClient throws DnsResponseException (or a socket error).
            return new Lookup(LookupStatus.TemporaryFailure, [], $"{type} {name}: {ex.Message}");
        }

        return response.Header.ResponseCode switch
        {
            DnsHeaderResponseCode.NoError => new Lookup(LookupStatus.Answered, response.Answers, null),
            DnsHeaderResponseCode.NotExistentDomain => new Lookup(LookupStatus.NotFound, [], $"{type} {name}: NXDOMAIN"),
            var code => new Lookup(LookupStatus.TemporaryFailure, [], $"{type} {name}: {code} ({response.ErrorMessage})"),
        };
    }

    private static string Normalize(string name) => name.Trim().TrimEnd('.').ToLowerInvariant();

    private enum LookupStatus
    {
        Answered,
        NotFound,
        TemporaryFailure,
    }

    private sealed record Lookup(LookupStatus Status, IReadOnlyList<DnsResourceRecord> Records, string? Error);
}
