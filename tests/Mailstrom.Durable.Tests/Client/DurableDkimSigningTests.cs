using Mailstrom.Composition;
using Mailstrom.Composition.Signing;
using Mailstrom.Durable.Tests.Infrastructure;
using Mailstrom.Testing.Delivery;
using Mailstrom.Testing.Dkim;

namespace Mailstrom.Durable.Tests.Client;

/// <summary>
/// The Durable engine, as the server and the library host it, signs through the composer its container gives it: the
/// stored content (what every Deliver activity sends) carries signatures that verify, and RequireDkim refuses.
/// </summary>
public sealed class DurableDkimSigningTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(60);

    private static Action<MailstromOptions> Dkim(bool requireDkim, string domain) => o => o.Dkim = new DkimOptions
    {
        RequireDkim = requireDkim,
        Keys =
        [
            new DkimKeyOptions { Domain = domain, Selector = "rsa", PrivateKey = DkimTestKey.Rsa2048.PrivateKeyPem },
            new DkimKeyOptions { Domain = domain, Selector = "ed", Algorithm = DkimAlgorithms.Ed25519Sha256, PrivateKey = DkimTestKey.Ed25519Key.PrivateKeyPem },
        ],
    };

    [Fact]
    public async Task Send_StoresTheMessageSignedWithBothKeys_AndDeliversIt()
    {
        await using var engine = await DurableTestEngine.StartAsync(new ScriptedDeliveryAgent(), Dkim(requireDkim: false, "example.org"));

        var id = await engine.Mailstrom.SendAsync(DurableTestEngine.Email("a@a.test"));

        var content = await engine.Content.GetAsync(id, CancellationToken.None);
        var dns = new DkimCheck()
            .Publish("example.org", "rsa", DkimTestKey.Rsa2048.TxtRecord)
            .Publish("example.org", "ed", DkimTestKey.Ed25519Key.TxtRecord);
        var verdicts = DkimCheck.Verify(dns, content!.Value);
        Assert.Equal([DkimAlgorithms.Ed25519Sha256, DkimAlgorithms.RsaSha256], verdicts.Select(v => v.Tags["a"]).Order());
        Assert.All(verdicts, v => Assert.True(v.Valid));
        Assert.Equal(Model.RuntimeStatus.Completed, (await engine.WaitUntilTerminalAsync(id, Within)).RuntimeStatus);
    }

    [Fact]
    public async Task Send_WhenDkimIsRequiredAndTheFromDomainHasNoKey_ThrowsNamingFrom_AndStoresNothing()
    {
        await using var engine = await DurableTestEngine.StartAsync(new ScriptedDeliveryAgent(), Dkim(requireDkim: true, "other.example"));

        var error = await Assert.ThrowsAsync<EmailValidationException>(() => engine.Mailstrom.SendAsync(DurableTestEngine.Email("a@a.test")));

        Assert.Equal("from", error.Field);
        Assert.Equal(0, engine.Content.Count);
    }
}
