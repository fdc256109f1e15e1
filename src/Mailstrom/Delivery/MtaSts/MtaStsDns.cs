using System.Net;
using DnsClient;
using DnsClient.Protocol;
using Mailstrom.Delivery.Dns;
using Microsoft.Extensions.Options;

namespace Mailstrom.Delivery.MtaSts;

/// <summary>The DNS questions of MTA-STS: a domain's <c>_mta-sts</c> TXT record, and the policy host's addresses.</summary>
internal interface IMtaStsDns
{
    /// <summary>The id of the domain's single valid <c>_mta-sts</c> TXT record, or <see langword="null"/> when it has
    /// none, it is invalid, or the lookup failed.</summary>
    Task<string?> LookupPolicyIdAsync(string domain, CancellationToken cancellationToken);

    /// <summary>Every A and AAAA address of <paramref name="host"/>; empty when it has none or the lookup failed.</summary>
    Task<IReadOnlyList<IPAddress>> ResolveAsync(string host, CancellationToken cancellationToken);
}

/// <summary>Asks the name servers of <see cref="DnsOptions"/> (the same configuration as MX resolution).</summary>
internal sealed class MtaStsDns(IDnsQuery dns) : IMtaStsDns
{
    public MtaStsDns(IOptions<DnsOptions> options)
        : this(DnsClientFactory.Create(options?.Value ?? throw new ArgumentNullException(nameof(options))))
    {
    }

    public async Task<string?> LookupPolicyIdAsync(string domain, CancellationToken cancellationToken)
    {
        var answers = await QueryAsync($"_mta-sts.{domain}", QueryType.TXT, cancellationToken);
        return MtaStsTxtRecord.ParseId(answers.OfType<TxtRecord>().Select(r => string.Concat(r.Text)));
    }

    public async Task<IReadOnlyList<IPAddress>> ResolveAsync(string host, CancellationToken cancellationToken)
    {
        var v4 = QueryAsync(host, QueryType.A, cancellationToken);
        var v6 = QueryAsync(host, QueryType.AAAA, cancellationToken);
        var (a, aaaa) = (await v4, await v6);
        return [.. a.OfType<ARecord>().Select(r => r.Address).Concat(aaaa.OfType<AaaaRecord>().Select(r => r.Address)).Distinct()];
    }

    private async Task<IReadOnlyList<DnsResourceRecord>> QueryAsync(string name, QueryType type, CancellationToken cancellationToken)
    {
        try
        {
            var response = await dns.QueryAsync(name, type, QueryClass.IN, cancellationToken);
            return response.Header.ResponseCode == DnsHeaderResponseCode.NoError ? response.Answers : [];
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex) when (ex is DnsResponseException or System.Net.Sockets.SocketException or TimeoutException or OperationCanceledException)
        {
            // A failed lookup is no record: a cached policy still applies (RFC 8461 §5.1).
            return [];
        }
    }
}
