using System.Security.Cryptography.X509Certificates;
using Mailstrom.Tests.Delivery.MtaSts.PolicyHosts;
using Microsoft.AspNetCore.Http;

namespace Mailstrom.Tests.Delivery.MtaSts;

/// <summary>
/// The policy host is dialled under the destination policy: a policy host resolving to a non-public address (here, the
/// loopback address of a real HTTPS <see cref="HttpsPolicyHost"/>) is refused without any connection reaching it unless
/// <c>Mailstrom:Delivery:AllowPrivateDestinations</c> is set.
/// </summary>
public sealed class PolicyHostConnectorTests : IAsyncDisposable
{
    private const int Timeout = 30_000;
    private readonly TestAuthority _authority = new();
    private readonly X509Certificate2 _certificate;

    public PolicyHostConnectorTests() => _certificate = _authority.Issue(PolicyFetchSetup.PolicyHost);

    [Fact(Timeout = Timeout)]
    public async Task Fetch_PolicyHostOnAPrivateAddress_PrivateNotAllowed_IsRefusedWithoutConnecting()
    {
        await using var host = await StartHostAsync();
        await using var setup = new PolicyFetchSetup(_authority, host.Address, allowPrivateDestinations: false);

        Assert.Null(await setup.GetPolicyAsync());

        Assert.Equal([PolicyFetchSetup.PolicyHost], setup.Resolved);
        Assert.Contains("mta-sts.d.test has only non-public addresses (refused by Mailstrom:Delivery:AllowPrivateDestinations=false)",
            setup.FetchFailure(), StringComparison.Ordinal);
        Assert.Equal(0, host.Connections);
        Assert.Equal(0, host.Requests);
    }

    [Fact(Timeout = Timeout)]
    public async Task Fetch_PolicyHostOnAPrivateAddress_PrivateAllowed_ConnectsOnce()
    {
        await using var host = await StartHostAsync();
        await using var setup = new PolicyFetchSetup(_authority, host.Address, allowPrivateDestinations: true);

        Assert.NotNull(await setup.GetPolicyAsync());

        Assert.Equal(1, host.Connections);
        Assert.Equal(1, host.Requests);
    }

    public ValueTask DisposeAsync()
    {
        _certificate.Dispose();
        _authority.Dispose();
        return ValueTask.CompletedTask;
    }

    private Task<HttpsPolicyHost> StartHostAsync() => HttpsPolicyHost.StartAsync(_certificate, (_, context) =>
    {
        context.Response.ContentType = "text/plain";
        return context.Response.WriteAsync(PolicyFetchSetup.Policy);
    });
}
