using Mailstrom.Contracts;
using Mailstrom.EndToEnd.Tests.Infrastructure;
using Mailstrom.Testing.Rig;

namespace Mailstrom.EndToEnd.Tests;

/// <summary>
/// MTA-STS (RFC 8461) against the rig: real policy lookups (dnsmasq's <c>_mta-sts</c> TXT records), real policy fetches
/// over HTTPS from <see cref="MtaStsPolicyServer"/>, and real SMTP to Postfix and smtp-sink, with the rig's test CA as
/// the extra trusted authority.
/// </summary>
[RigTest]
public sealed class MtaStsDeliveryTests(MtaStsPolicyServer policies) : IClassFixture<MtaStsPolicyServer>
{
    private static RigEnvironment Rig => MailstromLab.Rig;

    [Theory]
    [InlineData(Engine.Native)]
    [InlineData(Engine.Durable)]
    public async Task Enforce_MxInPolicyWithValidCertificate_IsDeliveredOverTls_RecordingThePolicy(Engine engine)
    {
        var domain = Rig.Domain("sts-enforce");
        policies.Serve(domain, MtaStsPolicyServer.Policy("enforce", Rig.PostfixMxHost));

        var (recipient, messageId, status) = await SendAsync(engine, domain, settled: r => r.Status == "Delivered");

        Assert.Equal(Rig.PostfixMxHost, recipient.MxHost);
        Assert.StartsWith("TLS", recipient.Tls, StringComparison.Ordinal);
        Assert.Equal("enforce", recipient.MtaSts);
        await PostfixMailbox.WaitForMessageAsync(recipient.Address.Split('@')[0], messageId);
    }

    [Theory]
    [InlineData(Engine.Native)]
    [InlineData(Engine.Durable)]
    public async Task Enforce_MxNotInPolicy_IsDeferredNamingThePolicy(Engine engine)
    {
        var domain = Rig.Domain("sts-wrongmx");
        policies.Serve(domain, MtaStsPolicyServer.Policy("enforce", "*.elsewhere.mailstrom.test"));

        var (recipient, _, _) = await SendAsync(engine, domain, settled: r => r.Status == "Deferred");

        Assert.Equal($"4.4.4 MTA-STS enforce: {Rig.PostfixMxHost} is not in the policy", recipient.Response);
        Assert.Equal("enforce", recipient.MtaSts);
        Assert.Null(recipient.Tls);
    }

    [Fact]
    public async Task Enforce_MxWithoutStartTls_IsDeferred_NeverInPlaintext()
    {
        var domain = Rig.Domain("sts-notls");
        var mx = $"mx.{domain}";
        policies.Serve(domain, MtaStsPolicyServer.Policy("enforce", mx));

        var (recipient, _, _) = await SendAsync(Engine.Native, domain, settled: r => r.Status == "Deferred");

        Assert.Equal($"4.7.10 MTA-STS enforce: {mx} offers no STARTTLS", recipient.Response);
        Assert.Equal(mx, recipient.MxHost);
        Assert.Equal("enforce", recipient.MtaSts);
    }

    [Fact]
    public async Task Enforce_CertificateForAnotherName_IsDeferredSayingWhy()
    {
        var domain = Rig.Domain("sts-badname");
        var mx = $"mx.{domain}";
        policies.Serve(domain, MtaStsPolicyServer.Policy("enforce", mx));

        var (recipient, _, _) = await SendAsync(Engine.Native, domain, settled: r => r.Status == "Deferred");

        Assert.StartsWith($"4.7.5 MTA-STS enforce: certificate of {mx} is not valid for {mx}: its names do not include the host",
            recipient.Response, StringComparison.Ordinal);
        Assert.Equal("enforce", recipient.MtaSts);
    }

    [Fact]
    public async Task Testing_CertificateForAnotherName_IsDeliveredOverTls_RecordingTheFailure()
    {
        var domain = Rig.Domain("sts-testing");
        var mx = $"mx.{domain}";
        policies.Serve(domain, MtaStsPolicyServer.Policy("testing", mx));

        var (recipient, messageId, _) = await SendAsync(Engine.Native, domain, settled: r => r.Status == "Delivered");

        Assert.StartsWith("TLS", recipient.Tls, StringComparison.Ordinal);
        Assert.StartsWith($"testing: certificate of {mx} is not valid for {mx}: its names do not include the host",
            recipient.MtaSts, StringComparison.Ordinal);
        await PostfixMailbox.WaitForMessageAsync(recipient.Address.Split('@')[0], messageId);
    }

    [Fact]
    public async Task PolicyFetchFailing_WithoutCachedPolicy_IsDeliveredAsWithoutPolicy()
    {
        var domain = Rig.Domain("sts-nofetch");
        policies.Fail(domain, 404);
        var before = policies.Requests(domain);

        var (recipient, _, _) = await SendAsync(Engine.Native, domain, settled: r => r.Status == "Delivered");

        Assert.Null(recipient.MtaSts);
        Assert.StartsWith("TLS", recipient.Tls, StringComparison.Ordinal);
        Assert.True(policies.Requests(domain) > before, "the policy was not even requested");
    }

    [Fact]
    public async Task PolicyHostFailing_WithAStillValidCachedPolicy_IsStillEnforced()
    {
        var domain = Rig.Domain("sts-cached");
        policies.Serve(domain, MtaStsPolicyServer.Policy("enforce", "*.elsewhere.mailstrom.test"));
        await using var lab = Lab(Engine.Native);
        using var client = lab.CreateLabClient();

        var first = await SendAsync(client, domain, settled: r => r.Status == "Deferred");
        policies.Fail(domain, 500);
        var second = await SendAsync(client, domain, settled: r => r.Status == "Deferred");

        // Without the cached policy the second email would be delivered: Postfix accepts it.
        Assert.Equal($"4.4.4 MTA-STS enforce: {Rig.PostfixMxHost} is not in the policy", first.Recipient.Response);
        Assert.Equal(first.Recipient.Response, second.Recipient.Response);
        Assert.Equal("enforce", second.Recipient.MtaSts);
        Assert.Equal(1, policies.Requests(domain)); // the TXT id is unchanged, so the cached policy is used as it is
    }

    private static MailstromLab Lab(Engine engine) => MailstromLab.Create(engine, settings: new Dictionary<string, string?>
    {
        ["Mailstrom:MtaSts:CaBundlePath"] = Rig.Get("TEST_CA_CERT"),
        ["Mailstrom:MtaSts:FetchTimeout"] = "00:00:05",
    });

    private static async Task<(RecipientStatusResponse Recipient, string MessageId, EmailStatusResponse Status)> SendAsync(
        Engine engine, string domain, Func<RecipientStatusResponse, bool> settled)
    {
        await using var lab = Lab(engine);
        using var client = lab.CreateLabClient();
        return await SendAsync(client, domain, settled);
    }

    private static async Task<(RecipientStatusResponse Recipient, string MessageId, EmailStatusResponse Status)> SendAsync(
        LabClient client, string domain, Func<RecipientStatusResponse, bool> settled)
    {
        var id = await client.SendAsync(new
        {
            from = "sender@client.mailstrom.test",
            to = new[] { $"sts-{Guid.NewGuid():N}@{domain}" },
            subject = "MTA-STS",
            text = "Policy applied.",
        });
        var status = await client.WaitForAsync(id, s => s.CustomStatus.Recipients.Count == 1 && settled(s.CustomStatus.Recipients[0]),
            TimeSpan.FromSeconds(60));
        return (status.CustomStatus.Recipients[0], status.Input.MessageId, status);
    }
}
