using System.Net;
using Mailstrom.Delivery.MtaSts;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Options;

namespace Mailstrom.Tests.Delivery.MtaSts.PolicyHosts;

/// <summary>
/// The production MTA-STS registration (<c>AddMailstromMtaSts</c>: the real HTTPS fetcher, connector and cache) with
/// <c>Mailstrom:MtaSts:CaBundlePath</c> pointing at a <see cref="TestAuthority"/>, DNS answered in memory (the
/// <c>_mta-sts</c> id, and <c>mta-sts.d.test</c> resolving to a <see cref="HttpsPolicyHost"/>), and log lines collected.
/// </summary>
internal sealed class PolicyFetchSetup : IAsyncDisposable
{
    /// <summary>The recipient domain whose policy is fetched.</summary>
    public const string Domain = "d.test";

    /// <summary>The policy host of <see cref="Domain"/>.</summary>
    public const string PolicyHost = "mta-sts.d.test";

    /// <summary>Text inside every policy body the tests serve, which must never reach a log line.</summary>
    public const string BodyMarker = "body-marker-5c1e";

    /// <summary>A valid <c>enforce</c> policy for <c>mx.d.test</c>, carrying <see cref="BodyMarker"/> in an extension field.</summary>
    public const string Policy = $"version: STSv1\r\nmode: enforce\r\nmx: mx.d.test\r\nmax_age: 86400\r\nnote: {BodyMarker}\r\n";

    private readonly ServiceProvider _services;
    private readonly MemoryDns _dns;

    /// <summary>Registers MTA-STS with <paramref name="authority"/>'s bundle; <c>mta-sts.d.test</c> resolves to <paramref name="policyHostAddress"/>.</summary>
    public PolicyFetchSetup(
        TestAuthority authority, IPAddress policyHostAddress, bool allowPrivateDestinations = true, TimeProvider? timeProvider = null,
        TimeSpan? fetchTimeout = null)
    {
        ArgumentNullException.ThrowIfNull(authority);
        var settings = new MailstromOptions();
        settings.Delivery.AllowPrivateDestinations = allowPrivateDestinations;
        settings.MtaSts.CaBundlePath = authority.BundlePath;
        settings.MtaSts.FetchTimeout = fetchTimeout ?? TimeSpan.FromSeconds(10);
        _dns = new MemoryDns(policyHostAddress);
        var services = new ServiceCollection();
        services.AddFakeLogging();
        services.AddSingleton(timeProvider ?? TimeProvider.System);
        services.AddSingleton(Options.Create(settings));
        services.AddSingleton(Options.Create(settings.MtaSts));
        services.AddSingleton<IMtaStsDns>(_dns);
        services.AddMailstromMtaSts();
        _services = services.BuildServiceProvider();
    }

    /// <summary>The policy source under test.</summary>
    public IMtaStsPolicySource Source => _services.GetRequiredService<IMtaStsPolicySource>();

    /// <summary>The id the <c>_mta-sts</c> TXT record announces.</summary>
    public string PolicyId { get; set; } = "id1";

    /// <summary>The host names whose addresses were asked for.</summary>
    public IReadOnlyCollection<string> Resolved => _dns.Resolved;

    /// <summary>The log lines written so far.</summary>
    public IReadOnlyList<FakeLogRecord> Logs => _services.GetFakeLogCollector().GetSnapshot();

    /// <summary>The policy of <see cref="Domain"/>, as delivery would ask for it.</summary>
    public async Task<MtaStsPolicy?> GetPolicyAsync()
    {
        _dns.PolicyId = PolicyId;
        return await Source.GetPolicyAsync(Domain, CancellationToken.None);
    }

    /// <summary>The single "could not be fetched" line (event 2151), after checking it never quotes a policy body.</summary>
    public string FetchFailure()
    {
        var failure = Assert.Single(Logs, l => l.Id.Id == 2151);
        Assert.All(Logs, l => Assert.DoesNotContain(BodyMarker, l.Message, StringComparison.Ordinal));
        return failure.Message;
    }

    public ValueTask DisposeAsync() => _services.DisposeAsync();

    private sealed class MemoryDns(IPAddress policyHostAddress) : IMtaStsDns
    {
        private readonly System.Collections.Concurrent.ConcurrentQueue<string> _resolved = new();

        public string? PolicyId { get; set; }

        public IReadOnlyCollection<string> Resolved => _resolved;

        public Task<string?> LookupPolicyIdAsync(string domain, CancellationToken cancellationToken) =>
            Task.FromResult(domain == Domain ? PolicyId : null);

        public Task<IReadOnlyList<IPAddress>> ResolveAsync(string host, CancellationToken cancellationToken)
        {
            _resolved.Enqueue(host);
            return Task.FromResult<IReadOnlyList<IPAddress>>(host == PolicyHost ? [policyHostAddress] : []);
        }
    }
}
