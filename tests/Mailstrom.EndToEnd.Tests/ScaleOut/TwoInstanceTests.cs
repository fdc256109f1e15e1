using Mailstrom.Testing.Processes;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Mailstrom.EndToEnd.Tests.Infrastructure;
using Mailstrom.Contracts;
using Xunit.Abstractions;

namespace Mailstrom.EndToEnd.Tests.ScaleOut;

/// <summary>
/// Two app processes on one Azure Storage account (the rig's Azurite, one name prefix) share the work: every
/// recipient is delivered, both instances deliver some, and duplicates stay within the in-flight bound.
/// </summary>
public sealed class TwoInstanceTests(ITestOutputHelper output)
{
    private const int Count = 2000;
    private const int MaxConcurrency = 32;
    private const string Key = "scale-out-key-5b2e81";

    [Fact(Timeout = 300_000)]
    public async Task TwoInstancesOnOneAzurite_Deliver2000_EachRecipientOnceBothInstancesWorking()
    {
        var rig = MailstromLab.Rig;
        await using var sink = await SmtpSinkProcess.StartAsync(IPAddress.Parse(rig.Get("ADDR_LOAD2")), rig.SmtpPort);
        var settings = new Dictionary<string, string>
        {
            ["Mailstrom:Storage:Provider"] = "AzureStorage",
            ["Mailstrom:Storage:AzureStorage:ConnectionString"] = rig.Get("AZURITE_CONNECTION_STRING"),
            ["Mailstrom:Storage:AzureStorage:NamePrefix"] = $"scale{Guid.NewGuid():N}"[..20],
            ["Mailstrom:HeloName"] = "client.mailstrom.test",
            ["Mailstrom:Api:Keys:0"] = Key,
            ["Mailstrom:Dns:NameServers:0"] = rig.DnsServerText,
            ["Mailstrom:Delivery:SmtpPort"] = rig.SmtpPort.ToString(CultureInfo.InvariantCulture),
            ["Mailstrom:Delivery:AllowPrivateDestinations"] = "true",
            ["Mailstrom:Delivery:MaxConcurrency"] = MaxConcurrency.ToString(CultureInfo.InvariantCulture),
            ["Mailstrom:Delivery:MaxConcurrencyPerDomain"] = MaxConcurrency.ToString(CultureInfo.InvariantCulture),
            ["Mailstrom:Delivery:PollInterval"] = "00:00:00.200",
            ["Logging:LogLevel:Mailstrom.Hosting.BatchRunner"] = "Information", // one "-> Delivered" line per delivered attempt
        };
        var apps = await Task.WhenAll(AppProcess.StartAsync(settings), AppProcess.StartAsync(settings));
        static int Delivered(AppProcess app) => app.CountOutput(" -> Delivered (");
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

            await Polling.UntilAsync(() => Task.FromResult(Delivered(apps[0]) + Delivered(apps[1]) >= Count), TimeSpan.FromMinutes(4), $"{Count} deliveries");
            var emails = new List<EmailStatusResponse>();
            await Polling.UntilAsync(async () =>
            {
                emails = await ListAllAsync(client);
                return emails.All(e => e.RuntimeStatus is not ("Pending" or "Running"));
            }, TimeSpan.FromMinutes(1), "every email to be final");

            // Every attempt that ended Delivered is one log line of the instance that made it, so the logs tell both
            // the share of each instance and the duplicates (a recipient delivered by two attempts). The sink's count
            // is reported too; it is at least the logs' unless another run shares the rig's load2 address.
            var attempts = Delivered(apps[0]) + Delivered(apps[1]);
            var duplicates = attempts - Count;
            output.WriteLine($"instance A delivered {Delivered(apps[0])}, instance B {Delivered(apps[1])}: {duplicates} duplicates; the sink counted {sink.Messages}");
            Assert.Equal(Count, emails.Count);
            Assert.All(emails, e => Assert.Equal("Delivered", Assert.Single(e.CustomStatus.Recipients).Status));
            Assert.True(Delivered(apps[0]) > 0 && Delivered(apps[1]) > 0, $"both instances deliver: A {Delivered(apps[0])}, B {Delivered(apps[1])}");
            Assert.InRange(duplicates, 0, 2 * MaxConcurrency);
            Assert.True(sink.Messages >= attempts, $"the sink counted {sink.Messages} of {attempts} deliveries");
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
