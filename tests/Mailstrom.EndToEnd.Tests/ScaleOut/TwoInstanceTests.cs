using Mailstrom.Testing.Rig;
using Mailstrom.Testing.Processes;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Mailstrom.EndToEnd.Tests.Infrastructure;
using Mailstrom.Contracts;
using Xunit.Abstractions;

namespace Mailstrom.EndToEnd.Tests.ScaleOut;

/// <summary>
/// Two server processes on the Durable engine, on one task hub on the rig's Azurite, share the work: both deliver some;
/// one of them is killed (SIGKILL) part-way and the other finishes its share; every recipient ends Delivered and
/// duplicates stay within what the killed process had in flight.
/// </summary>
[RigTest]
public sealed class TwoInstanceTests(ITestOutputHelper output)
{
    private const int Count = 2000;
    private const int MaxConcurrency = 32;
    private const string Key = "scale-out-key-5b2e81";

    [Fact(Timeout = 600_000)]
    public async Task TwoInstancesOnOneTaskHub_Deliver2000_BothWork_AndKillingOneLosesNothing()
    {
        var rig = MailstromLab.Rig;
        await using var sink = await SmtpSinkProcess.StartAsync(IPAddress.Parse(rig.Get("ADDR_LOAD2")), rig.SmtpPort);
        var settings = new Dictionary<string, string>(EngineSettings.For(Engine.Durable, EngineSettings.NewStore(Engine.Durable)))
        {
            ["Mailstrom:Durable:MaxConcurrentActivities"] = MaxConcurrency.ToString(CultureInfo.InvariantCulture),
            ["Mailstrom:HeloName"] = "client.mailstrom.test",
            ["Mailstrom:Api:Keys:0"] = Key,
            ["Mailstrom:Dns:NameServers:0"] = rig.DnsServerText,
            ["Mailstrom:Delivery:SmtpPort"] = rig.SmtpPort.ToString(CultureInfo.InvariantCulture),
            ["Mailstrom:Delivery:AllowPrivateDestinations"] = "true",
            ["Mailstrom:Delivery:MaxConcurrency"] = MaxConcurrency.ToString(CultureInfo.InvariantCulture),
            ["Mailstrom:Delivery:MaxConcurrencyPerDomain"] = MaxConcurrency.ToString(CultureInfo.InvariantCulture),
            ["Mailstrom:Delivery:PollInterval"] = "00:00:00.200",
            ["Logging:LogLevel:Mailstrom.Delivery.DeliveryAgent"] = "Information", // one line per SMTP transaction
        };
        var apps = await Task.WhenAll(
            AppProcess.StartAsync(new Dictionary<string, string>(settings) { ["Mailstrom:Durable:WorkerId"] = "instance-a" }),
            AppProcess.StartAsync(new Dictionary<string, string>(settings) { ["Mailstrom:Durable:WorkerId"] = "instance-b" }));
        static int Delivered(AppProcess app) => app.CountOutput(": 1 delivered, 0 deferred, 0 failed");
        try
        {
            using var client = NewClient(apps[0]);
            var domain = $"load2.{rig.TestZone}";
            await Parallel.ForEachAsync(Enumerable.Range(0, Count), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, ct) =>
            {
                using var response = await client.PostAsJsonAsync("api/emails", new
                {
                    from = "sender@client.mailstrom.test",
                    to = new[] { $"user{i}@{domain}" },
                    subject = $"Scale-out {i}",
                    text = "Scale-out.",
                }, ct);
                Assert.True(response.StatusCode == HttpStatusCode.Accepted, $"submission {i} answered {(int)response.StatusCode}: {apps[0].Problems}");
            });

            // Both deliver, then A is killed with a third of the mail still to go; B must finish A's share too.
            await Polling.UntilAsync(
                () => Task.FromResult(Delivered(apps[0]) > 0 && Delivered(apps[1]) > 0 && sink.Messages >= Count * 2 / 3),
                TimeSpan.FromMinutes(4), "both instances delivering and two thirds of the mail sent");
            var deliveredByA = Delivered(apps[0]);
            await apps[0].KillAsync();
            var atKill = sink.Messages;
            using var client2 = NewClient(apps[1]);
            await sink.WaitForMessagesAsync(Count, TimeSpan.FromMinutes(4));
            var emails = new List<EmailStatusResponse>();
            await Polling.UntilAsync(async () =>
            {
                emails = await ListAllAsync(client2);
                return emails.Count == Count && emails.All(e => e.RuntimeStatus is not ("Pending" or "Running"));
            }, TimeSpan.FromMinutes(2), "every email to be final");

            // Every SMTP transaction that delivered is one log line of the instance that made it: the logs tell each
            // instance's share; the sink's count beyond 2,000 is the duplicates (attempts A had in flight when killed).
            var duplicates = sink.Messages - Count;
            output.WriteLine($"A delivered {deliveredByA} before it was killed at sink count {atKill}; B delivered {Delivered(apps[1])}; " +
                             $"the sink counted {sink.Messages}: {duplicates} duplicates");
            Assert.Equal(Count, emails.Count);
            Assert.All(emails, e => Assert.Equal("Delivered", Assert.Single(e.CustomStatus.Recipients).Status));
            Assert.True(deliveredByA > 0 && Delivered(apps[1]) > Count - atKill, $"both instances deliver: A {deliveredByA}, B {Delivered(apps[1])}");
            Assert.InRange(duplicates, 0, MaxConcurrency);
        }
        finally
        {
            foreach (var app in apps)
            {
                await app.DisposeAsync();
            }
        }
    }

    private static HttpClient NewClient(AppProcess app)
    {
        var client = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Add("x-functions-key", Key);
        return client;
    }

    private static async Task<List<EmailStatusResponse>> ListAllAsync(HttpClient client)
    {
        var all = new List<EmailStatusResponse>();
        string? token = null;
        for (var page = 0; page < 100; page++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "api/emails?top=1000");
            if (token is not null)
            {
                request.Headers.Add("x-ms-continuation-token", token);
            }

            using var response = await client.SendAsync(request);
            response.EnsureSuccessStatusCode();
            all.AddRange((await response.Content.ReadFromJsonAsync<List<EmailStatusResponse>>())!);
            token = response.Headers.TryGetValues("x-ms-continuation-token", out var values) ? values.Single() : null;
            if (token is null)
            {
                break;
            }
        }

        return all;
    }
}
