using System.Net;
using System.Text.Json;
using Mailstrom.Contracts;
using Mailstrom.EndToEnd.Tests.Infrastructure;
using Mailstrom.Testing.Rig;

namespace Mailstrom.EndToEnd.Tests;

/// <summary>
/// The suppression list on the rig, on both engines: a real 550 5.1.1 from the reject sink, a real NXDOMAIN and a real null
/// MX put the address on the list; a later email fails it at once without an attempt while its other recipient is delivered
/// by Postfix; after DELETE the address is attempted again.
/// </summary>
[RigTest]
public sealed class SuppressionTests
{
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(60);

    private static MailstromLab Lab(Engine engine, bool enabled = true) => MailstromLab.Create(engine, settings: new Dictionary<string, string?>
    {
        // The Durable engine's list lives in the shared Azurite account: one container per test keeps listings apart.
        ["Mailstrom:Durable:SuppressionContainer"] = $"suppressions-{Guid.NewGuid():N}",
        ["Mailstrom:Suppression:Enabled"] = enabled ? "true" : "false",
    });

    private static async Task<EmailStatusResponse> SendAsync(LabClient client, params string[] to)
    {
        var id = await client.SendAsync(new { from = "sender@client.mailstrom.test", to, subject = "Suppression", text = "Suppression." });
        return await client.WaitForAsync(id, s => s.CustomStatus.Recipients.All(r => r.Status is "Delivered" or "Failed"), Within);
    }

    private static async Task<List<SuppressionResponse>> ListAsync(LabClient client)
    {
        using var response = await client.Http.GetAsync(new Uri("/api/suppressions?limit=1000", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonSerializer.Deserialize<List<SuppressionResponse>>(await response.Content.ReadAsStringAsync())!;
    }

    [Theory]
    [InlineData(Engine.Native)]
    [InlineData(Engine.Durable)]
    public async Task RejectedMailbox_IsSuppressed_RefusedWithoutAttempt_ThenAttemptedAgainAfterDelete(Engine engine)
    {
        await using var lab = Lab(engine);
        using var client = lab.CreateLabClient();
        var address = $"someone-{Guid.NewGuid():N}@{MailstromLab.Rig.Domain("reject")}";

        var first = await SendAsync(client, address);
        Assert.Equal(("Failed", 1, 550, "5.1.1"), (first.CustomStatus.Recipients[0].Status, first.CustomStatus.Recipients[0].Attempts,
            first.CustomStatus.Recipients[0].SmtpCode, first.CustomStatus.Recipients[0].EnhancedStatusCode));
        var entry = Assert.Single(await ListAsync(client));
        Assert.Equal((address, 550, "5.1.1", first.InstanceId), (entry.Address, entry.SmtpCode, entry.EnhancedStatusCode, entry.EmailId));

        var postfix = $"user-{Guid.NewGuid():N}@{MailstromLab.Rig.Domain("postfix")}";
        var second = await SendAsync(client, address, postfix);
        var refused = second.CustomStatus.Recipients[0];
        Assert.Equal("Failed", refused.Status);
        Assert.Equal(0, refused.Attempts);
        Assert.Null(refused.MxHost);
        Assert.Null(refused.SmtpCode);
        Assert.Equal("5.1.1", refused.EnhancedStatusCode);
        Assert.Contains("suppression list", refused.Response, StringComparison.Ordinal);
        Assert.Contains(first.InstanceId, refused.Response, StringComparison.Ordinal);
        Assert.Contains("550 5.1.1 No such user", refused.Response, StringComparison.Ordinal);
        Assert.Equal("Delivered", second.CustomStatus.Recipients[1].Status);

        using (var removed = await client.Http.DeleteAsync(new Uri($"/api/suppressions/{address}", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        }

        Assert.Empty(await ListAsync(client));
        var third = await SendAsync(client, address);
        Assert.Equal(("Failed", 1, 550), (third.CustomStatus.Recipients[0].Status, third.CustomStatus.Recipients[0].Attempts, third.CustomStatus.Recipients[0].SmtpCode));
        Assert.Equal(third.InstanceId, Assert.Single(await ListAsync(client)).EmailId);
    }

    [Theory]
    [InlineData(Engine.Native, "missing", "5.1.2")]
    [InlineData(Engine.Native, "nullmx", "5.1.10")]
    [InlineData(Engine.Durable, "missing", "5.1.2")]
    [InlineData(Engine.Durable, "nullmx", "5.1.10")]
    public async Task DomainThatAcceptsNoMail_IsSuppressed_ThenRefusedWithoutAttempt(Engine engine, string domain, string enhanced)
    {
        await using var lab = Lab(engine);
        using var client = lab.CreateLabClient();
        var address = $"user-{Guid.NewGuid():N}@{MailstromLab.Rig.Domain(domain)}";

        var first = await SendAsync(client, address);
        Assert.Equal(("Failed", 1), (first.CustomStatus.Recipients[0].Status, first.CustomStatus.Recipients[0].Attempts));
        var entry = Assert.Single(await ListAsync(client));
        Assert.Equal((address, enhanced, first.InstanceId), (entry.Address, entry.EnhancedStatusCode, entry.EmailId));

        var second = await SendAsync(client, address);
        var refused = second.CustomStatus.Recipients[0];
        Assert.Equal(("Failed", 0, enhanced), (refused.Status, refused.Attempts, refused.EnhancedStatusCode));
        Assert.Contains("suppression list", refused.Response, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(Engine.Native)]
    [InlineData(Engine.Durable)]
    public async Task Disabled_RecordsNothing_AndRefusesNothing(Engine engine)
    {
        await using var lab = Lab(engine, enabled: false);
        using var client = lab.CreateLabClient();
        var address = $"someone-{Guid.NewGuid():N}@{MailstromLab.Rig.Domain("reject")}";

        await SendAsync(client, address);
        var second = await SendAsync(client, address);

        Assert.Empty(await ListAsync(client));
        Assert.Equal(("Failed", 1, 550), (second.CustomStatus.Recipients[0].Status, second.CustomStatus.Recipients[0].Attempts, second.CustomStatus.Recipients[0].SmtpCode));
    }
}
