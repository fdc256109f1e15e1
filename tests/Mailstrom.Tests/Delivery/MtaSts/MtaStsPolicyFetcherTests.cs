using System.Security.Cryptography.X509Certificates;
using System.Text;
using Mailstrom.Delivery.MtaSts;
using Mailstrom.Tests.Delivery.MtaSts.PolicyHosts;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace Mailstrom.Tests.Delivery.MtaSts;

/// <summary>
/// The HTTPS policy fetch against a real HTTPS server (<see cref="HttpsPolicyHost"/>) with a certificate from an in-memory
/// authority trusted through <c>Mailstrom:MtaSts:CaBundlePath</c>: every answer RFC 8461 §3.3 refuses leaves the domain
/// without a policy (or with its cached one), and the log line names the cause without quoting the body.
/// </summary>
public sealed class MtaStsPolicyFetcherTests : IAsyncDisposable
{
    private const int Timeout = 30_000;
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);
    private readonly TestAuthority _authority = new();
    private readonly List<IAsyncDisposable> _disposables = [];
    private readonly List<X509Certificate2> _certificates = [];

    [Fact(Timeout = Timeout)]
    public async Task Fetch_ValidPolicyOverTrustedHttps_IsThePolicy()
    {
        var host = await Host(PolicyHost(), (_, context) => Text(context, PolicyFetchSetup.Policy));
        var setup = Setup(host);

        var policy = await setup.GetPolicyAsync();

        Assert.NotNull(policy);
        Assert.Equal(MtaStsMode.Enforce, policy.Mode);
        Assert.Equal(["mx.d.test"], policy.MxPatterns);
        Assert.Equal(1, host.Requests);
        Assert.DoesNotContain(setup.Logs, l => l.Id.Id == 2151);
    }

    [Theory(Timeout = Timeout)]
    [InlineData(301)]
    [InlineData(302)]
    [InlineData(307)]
    [InlineData(308)]
    public async Task Fetch_Redirect_IsNotFollowed_AndLeavesNoPolicy(int status)
    {
        var host = await Host(PolicyHost(), (_, context) => Redirect(context, status));
        var setup = Setup(host);

        Assert.Null(await setup.GetPolicyAsync());

        Assert.Equal(1, host.Requests);
        Assert.Contains($"HTTP {status} (only 200 is accepted; redirects are not followed)", setup.FetchFailure(), StringComparison.Ordinal);
        Assert.Contains("delivering as without a policy", setup.FetchFailure(), StringComparison.Ordinal);
    }

    [Fact(Timeout = Timeout)]
    public async Task Fetch_RedirectWhileAPolicyIsCached_KeepsTheCachedPolicy()
    {
        var host = await Host(PolicyHost(), (h, context) => h.Requests == 1
            ? Text(context, PolicyFetchSetup.Policy)
            : Redirect(context, 302));
        var setup = Setup(host);
        var cached = await setup.GetPolicyAsync();

        setup.PolicyId = "id2";

        Assert.Equal(cached, await setup.GetPolicyAsync());
        Assert.Equal(2, host.Requests);
        Assert.Contains("HTTP 302", setup.FetchFailure(), StringComparison.Ordinal);
        Assert.Contains("the cached policy still applies", setup.FetchFailure(), StringComparison.Ordinal);
    }

    [Theory(Timeout = Timeout)]
    [InlineData("text/html")]
    [InlineData("application/octet-stream")]
    public async Task Fetch_WrongMediaType_LeavesNoPolicy(string mediaType)
    {
        var host = await Host(PolicyHost(), (_, context) => Text(context, PolicyFetchSetup.Policy, contentType: mediaType));
        var setup = Setup(host);

        Assert.Null(await setup.GetPolicyAsync());

        Assert.Contains($"media type {mediaType} is not text/plain", setup.FetchFailure(), StringComparison.Ordinal);
    }

    [Fact(Timeout = Timeout)]
    public async Task Fetch_DeclaredLengthOver64KiB_LeavesNoPolicy()
    {
        var body = PolicyFetchSetup.Policy + new string('#', MtaStsPolicyFetcher.MaxPolicyBytes);
        var host = await Host(PolicyHost(), (_, context) => Text(context, body));
        var setup = Setup(host);

        Assert.Null(await setup.GetPolicyAsync());

        Assert.Contains("the policy is larger than 65536 bytes", setup.FetchFailure(), StringComparison.Ordinal);
    }

    [Fact(Timeout = Timeout)]
    public async Task Fetch_EndlessBodyWithoutLength_StopsReadingPast64KiB_AndLeavesNoPolicy()
    {
        // The body never ends while the client reads it: a fetch that buffered it all would only end at FetchTimeout.
        var writerEnded = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        var host = await Host(PolicyHost(), async (h, context) =>
        {
            context.Response.ContentType = "text/plain";
            var chunk = Encoding.ASCII.GetBytes(PolicyFetchSetup.Policy + new string('#', 4096) + "\r\n");
            try
            {
                while (!h.Released.IsCompleted)
                {
                    await context.Response.Body.WriteAsync(chunk, context.RequestAborted);
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException)
            {
                // The client closed the connection.
            }

            writerEnded.TrySetResult(context.RequestAborted.IsCancellationRequested);
        });
        var setup = Setup(host, fetchTimeout: TimeSpan.FromMinutes(1));

        Assert.Null(await setup.GetPolicyAsync());

        Assert.Contains("the policy is larger than 65536 bytes", setup.FetchFailure(), StringComparison.Ordinal);
        Assert.True(await writerEnded.Task.WaitAsync(Bound), "the server stopped writing because the client went away");
    }

    [Fact(Timeout = Timeout)]
    public async Task Fetch_ServerSlowerThanFetchTimeout_TimesOut_AndLeavesNoPolicy()
    {
        var time = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var host = await Host(PolicyHost(), (h, context) => h.StallAsync(context));
        var setup = Setup(host, time, TimeSpan.FromSeconds(10));

        var fetch = setup.GetPolicyAsync();
        await host.RequestArrived.WaitAsync(Bound);
        Assert.False(fetch.IsCompleted);
        time.Advance(TimeSpan.FromSeconds(10));

        Assert.Null(await fetch.WaitAsync(Bound));
        Assert.Contains("timed out after 10 s", setup.FetchFailure(), StringComparison.Ordinal);
    }

    [Fact(Timeout = Timeout)]
    public async Task Fetch_CertificateFromAnUntrustedAuthority_IsRefusedBeforeAnyRequest()
    {
        using var other = new TestAuthority("Other CA");
        using var certificate = other.Issue(PolicyFetchSetup.PolicyHost);
        var host = await Host(certificate, (_, context) => Text(context, PolicyFetchSetup.Policy));
        var setup = Setup(host);

        Assert.Null(await setup.GetPolicyAsync());

        Assert.Equal(0, host.Requests);
        Assert.Contains("certificate of mta-sts.d.test is not valid for mta-sts.d.test: it is not issued by a trusted authority", setup.FetchFailure(),
            StringComparison.Ordinal);
    }

    [Fact(Timeout = Timeout)]
    public async Task Fetch_CertificateForAnotherName_IsRefusedBeforeAnyRequest()
    {
        using var certificate = _authority.Issue("mta-sts.other.test");
        var host = await Host(certificate, (_, context) => Text(context, PolicyFetchSetup.Policy));
        var setup = Setup(host);

        Assert.Null(await setup.GetPolicyAsync());

        Assert.Equal(0, host.Requests);
        Assert.Contains("certificate of mta-sts.d.test is not valid for mta-sts.d.test: its names do not include the host (subject CN=mta-sts.other.test)",
            setup.FetchFailure(), StringComparison.Ordinal);
    }

    public async ValueTask DisposeAsync()
    {
        for (var i = _disposables.Count - 1; i >= 0; i--)
        {
            await _disposables[i].DisposeAsync();
        }

        _certificates.ForEach(c => c.Dispose());
        _authority.Dispose();
    }

    private static Task Text(HttpContext context, string body, int status = 200, string contentType = "text/plain")
    {
        context.Response.StatusCode = status;
        context.Response.ContentType = contentType;
        return context.Response.WriteAsync(body);
    }

    private static Task Redirect(HttpContext context, int status)
    {
        context.Response.Headers.Location = $"https://{PolicyFetchSetup.PolicyHost}/.well-known/other.txt";
        return Text(context, PolicyFetchSetup.Policy, status);
    }

    private X509Certificate2 PolicyHost()
    {
        var certificate = _authority.Issue(PolicyFetchSetup.PolicyHost);
        _certificates.Add(certificate);
        return certificate;
    }

    private async Task<HttpsPolicyHost> Host(
        X509Certificate2 certificate, Func<HttpsPolicyHost, HttpContext, Task> answer)
    {
        var host = await HttpsPolicyHost.StartAsync(certificate, answer);
        _disposables.Add(host);
        return host;
    }

    private PolicyFetchSetup Setup(HttpsPolicyHost host, TimeProvider? time = null, TimeSpan? fetchTimeout = null)
    {
        var setup = new PolicyFetchSetup(_authority, host.Address, timeProvider: time, fetchTimeout: fetchTimeout);
        _disposables.Add(setup);
        return setup;
    }
}
