using Mailstrom.Composition.Signing;
using Mailstrom.Functions.Tests.Infrastructure;
using Mailstrom.Testing.Dkim;
using Microsoft.Extensions.DependencyInjection;

namespace Mailstrom.Functions.Tests.Emails;

/// <summary>
/// The Functions app signs through the same composer as the other hosts: its container's settings carry the DKIM keys,
/// the stored message verifies, and an unsigned From domain is refused when DKIM is required.
/// </summary>
public sealed class DkimSigningFunctionTests
{
    private static void Dkim(IServiceCollection services, bool requireDkim, string domain) =>
        services.Configure<MailstromOptions>(o => o.Dkim = new DkimOptions
        {
            RequireDkim = requireDkim,
            Keys =
            [
                new DkimKeyOptions { Domain = domain, Selector = "ed", Algorithm = DkimAlgorithms.Ed25519Sha256, PrivateKey = DkimTestKey.Ed25519Key.PrivateKeyPem },
            ],
        });

    [Fact]
    public async Task Accepted_Email_IsStoredSigned_ForTheFromDomain()
    {
        await using var app = await FunctionsTestApp.StartAsync(services: s => Dkim(s, requireDkim: true, "example.com"));

        var id = await app.CreateAsync("Signed", "alice@example.net");

        var content = await app.Content.GetAsync(id, CancellationToken.None);
        var verdict = Assert.Single(DkimCheck.Verify(new DkimCheck().Publish("example.com", "ed", DkimTestKey.Ed25519Key.TxtRecord), content!.Value));
        Assert.True(verdict.Valid);
        Assert.Equal(("example.com", DkimAlgorithms.Ed25519Sha256), (verdict.Tags["d"], verdict.Tags["a"]));
        await app.WaitUntilTerminalAsync(id);
    }

    [Fact]
    public async Task WhenDkimIsRequired_AnUnsignedFromDomain_Is400NamingFrom_AndSchedulesNothing()
    {
        await using var app = await FunctionsTestApp.StartAsync(services: s => Dkim(s, requireDkim: true, "other.example"));
        var exchange = app.JsonRequest("POST", "/api/emails", FunctionsTestApp.Email("Unsigned", "alice@example.net"));

        var answer = await exchange.InvokeAsync(() => app.Functions.CreateEmail(exchange.Request, app.Client, CancellationToken.None));

        answer.AssertProblem(StatusCodes.Status400BadRequest, "from");
        Assert.Empty(await app.HostClient.GetAllInstancesAsync().ToListAsync());
        Assert.Equal(0, app.Content.Count);
    }
}
