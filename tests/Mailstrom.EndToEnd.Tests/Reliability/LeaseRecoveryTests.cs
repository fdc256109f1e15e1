using System.Diagnostics;
using System.Globalization;
using Mailstrom.EndToEnd.Tests.Infrastructure;
using Mailstrom.Testing.Processes;
using Mailstrom.Testing.Rig;
using Xunit.Abstractions;

namespace Mailstrom.EndToEnd.Tests.Reliability;

/// <summary>
/// The native engine killed while attempts are in flight, with the default 10-minute lease: the restarted process
/// releases the leases of its dead predecessor at once and retries those recipients, instead of waiting out the lease.
/// </summary>
[RigTest]
public sealed class LeaseRecoveryTests(ITestOutputHelper output)
{
    private const string Key = "lease-recovery-key-3d9a41";
    private const int Count = 5;

    [Fact(Timeout = 300_000)]
    public async Task SigKill_WithAttemptsInFlight_TheRestartRetriesThemWithinSeconds_NotAfterTheLease()
    {
        var rig = MailstromLab.Rig;
        var settings = new Dictionary<string, string>(EngineSettings.For(Engine.Native, EngineSettings.NewStore(Engine.Native)))
        {
            ["Mailstrom:HeloName"] = "client.mailstrom.test",
            ["Mailstrom:Api:Keys:0"] = Key,
            ["Mailstrom:Dns:NameServers:0"] = rig.DnsServerText,
            ["Mailstrom:Delivery:SmtpPort"] = rig.SmtpPort.ToString(CultureInfo.InvariantCulture),
            ["Mailstrom:Delivery:AllowPrivateDestinations"] = "true",
            ["Mailstrom:Delivery:CommandTimeout"] = "00:01:00",
            ["Mailstrom:Delivery:AttemptTimeout"] = "00:02:00",
            ["Mailstrom:Delivery:LeaseDuration"] = "00:10:00",
            ["Logging:LogLevel:Mailstrom.Hosting.DeliveryWorker"] = "Information",
        };

        // The rig's slow server holds each RCPT for 30 s: the attempts are in flight, their leases held, when the app dies.
        var ids = new List<string>();
        await using (var first = await AppProcess.StartAsync(settings))
        {
            using var client = Client(first);
            for (var i = 0; i < Count; i++)
            {
                ids.Add(await client.SendAsync(new { from = "sender@client.mailstrom.test", to = new[] { $"user{i}@{rig.Domain("slow")}" }, text = "Lease recovery." }));
            }

            foreach (var id in ids)
            {
                await client.WaitForAsync(id, s => s.RuntimeStatus == "Running", TimeSpan.FromSeconds(30));
            }

            await first.KillAsync();
        }

        var restart = Stopwatch.StartNew();
        await using var second = await AppProcess.StartAsync(settings);
        await Polling.UntilAsync(() => Task.FromResult(second.CountOutput("leases held by a process that is gone") > 0), TimeSpan.FromSeconds(30), "the released-leases log");
        var released = restart.Elapsed;
        using var again = Client(second);
        var statuses = new List<Contracts.EmailStatusResponse>();
        foreach (var id in ids)
        {
            statuses.Add(await again.WaitForCompletionAsync(id, TimeSpan.FromSeconds(120)));
        }

        output.WriteLine($"leases released {released.TotalSeconds:0.0} s after the restart began; all delivered {restart.Elapsed.TotalSeconds:0.0} s after it");
        Assert.True(released < TimeSpan.FromSeconds(5), $"the leases were released {released} after the restart began");
        Assert.Contains(second.Output, line => line.Contains($"Released {Count} leases", StringComparison.Ordinal));
        Assert.All(statuses, s => Assert.Equal("Delivered", Assert.Single(s.CustomStatus.Recipients).Status));
        Assert.True(restart.Elapsed < TimeSpan.FromMinutes(3), "delivered long before the 10-minute lease could have expired");
    }

    private static LabClient Client(AppProcess app)
    {
        var http = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        http.DefaultRequestHeaders.Add("x-functions-key", Key);
        return new LabClient(http);
    }
}
