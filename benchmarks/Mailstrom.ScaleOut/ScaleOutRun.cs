using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Mailstrom.Contracts;

namespace Mailstrom.ScaleOut;

/// <summary>
/// One measurement: submit every email through an instance whose worker is off, then start the given number of
/// instances with workers on, all on one fresh name prefix of the account, and time the sink until it has counted
/// every email. The list API then confirms each recipient Delivered.
/// </summary>
internal static class ScaleOutRun
{
    private const string Key = "scale-out-benchmark-key";
    private const int SubmitConcurrency = 32;

    public static async Task<ScaleOutResult> RunAsync(RigSettings rig, int instances, int emails, int concurrency)
    {
        var prefix = "so" + Guid.NewGuid().ToString("N")[..12];
        var settings = new Dictionary<string, string>
        {
            ["Mailstrom:Storage:Provider"] = "AzureStorage",
            ["Mailstrom:Storage:AzureStorage:ConnectionString"] = rig.AzuriteConnectionString,
            ["Mailstrom:Storage:AzureStorage:NamePrefix"] = prefix,
            ["Mailstrom:HeloName"] = "client.mailstrom.test",
            ["Mailstrom:Api:Keys:0"] = Key,
            ["Mailstrom:Dns:NameServers:0"] = rig.DnsServer,
            ["Mailstrom:Delivery:SmtpPort"] = rig.SmtpPort.ToString(CultureInfo.InvariantCulture),
            ["Mailstrom:Delivery:AllowPrivateDestinations"] = "true",
            ["Mailstrom:Delivery:MaxConcurrency"] = concurrency.ToString(CultureInfo.InvariantCulture),
            ["Mailstrom:Delivery:MaxConcurrencyPerDomain"] = concurrency.ToString(CultureInfo.InvariantCulture),
            ["Mailstrom:Delivery:PollInterval"] = "00:00:00.200",
        };

        double submittedPerSecond;
        await using (var submitter = await AppInstance.StartAsync("submit", With(settings, worker: false)))
        {
            using var client = NewClient(submitter.BaseAddress);
            var submitting = Stopwatch.StartNew();
            await Parallel.ForEachAsync(Enumerable.Range(0, emails), new ParallelOptions { MaxDegreeOfParallelism = SubmitConcurrency },
                async (i, ct) => await SubmitAsync(client, rig.SinkDomain, i, ct));
            submittedPerSecond = emails / submitting.Elapsed.TotalSeconds;
        }

        await using var sink = await SinkProcess.StartAsync(rig.SinkAddress, rig.SmtpPort);
        var launched = Stopwatch.GetTimestamp();
        var apps = await Task.WhenAll(Enumerable.Range(0, instances).Select(i =>
            AppInstance.StartAsync(((char)('A' + i)).ToString(), With(settings, worker: true))));
        try
        {
            // Timed from the instances' logs (one line per attempt recorded Delivered): the sink's count would include
            // anything else that uses the rig's load2 address meanwhile.
            var within = TimeSpan.FromSeconds(Math.Max(120, emails / 5.0));
            var waited = Stopwatch.StartNew();
            long first = 0;
            long done = 0;
            while (done == 0 && waited.Elapsed < within)
            {
                var count = apps.Sum(a => a.Delivered);
                first = first == 0 && count > 0 ? Stopwatch.GetTimestamp() : first;
                done = count >= emails ? Stopwatch.GetTimestamp() : 0;
                await Task.Delay(20);
            }

            var (delivered, final) = await CountDeliveredAsync(apps[0].BaseAddress, emails, TimeSpan.FromSeconds(90));
            return new ScaleOutResult(
                instances,
                emails,
                submittedPerSecond,
                sink.Messages,
                delivered,
                final,
                done == 0 ? null : Stopwatch.GetElapsedTime(first, done),
                done == 0 ? null : Stopwatch.GetElapsedTime(launched, done),
                apps.Select(a => (a.Name, a.Delivered)).ToList());
        }
        finally
        {
            foreach (var app in apps)
            {
                await app.DisposeAsync();
            }
        }
    }

    private static Dictionary<string, string> With(Dictionary<string, string> settings, bool worker) =>
        new(settings) { ["Mailstrom:Delivery:EnableWorker"] = worker ? "true" : "false" };

    private static HttpClient NewClient(Uri baseAddress)
    {
        var client = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(60) };
        client.DefaultRequestHeaders.Add("x-functions-key", Key);
        return client;
    }

    private static async Task SubmitAsync(HttpClient client, string domain, int number, CancellationToken cancellationToken)
    {
        using var response = await client.PostAsJsonAsync("api/emails", new
        {
            from = "sender@client.mailstrom.test",
            to = new[] { $"user{number.ToString(CultureInfo.InvariantCulture)}@{domain}" },
            subject = $"Scale-out run {number.ToString(CultureInfo.InvariantCulture)}",
            text = "Scale-out benchmark.",
        }, cancellationToken);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw new InvalidOperationException($"Submitting email {number} answered {(int)response.StatusCode}.");
        }
    }

    /// <summary>Lists every email (page by page) until each recipient is Delivered or the time is up (a failed listing
    /// is tried again), and returns how many are.</summary>
    private static async Task<(int Delivered, bool Final)> CountDeliveredAsync(Uri baseAddress, int emails, TimeSpan within)
    {
        using var client = NewClient(baseAddress);
        var waited = Stopwatch.StartNew();
        var delivered = 0;
        while (waited.Elapsed < within)
        {
            try
            {
                delivered = await CountOnceAsync(client);
            }
            catch (HttpRequestException ex)
            {
                Console.Error.WriteLine($"  listing failed ({ex.Message}); trying again");
            }

            if (delivered >= emails)
            {
                return (delivered, true);
            }

            await Task.Delay(500);
        }

        return (delivered, false);
    }

    private static async Task<int> CountOnceAsync(HttpClient client)
    {
        var delivered = 0;
        string? token = null;
        for (var page = 0; page < 10_000; page++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "api/emails?top=1000");
            if (token is not null)
            {
                request.Headers.Add("x-ms-continuation-token", token);
            }

            using var response = await client.SendAsync(request);
            response.EnsureSuccessStatusCode();
            var emails = (await response.Content.ReadFromJsonAsync<List<EmailStatusResponse>>())!;
            delivered += emails.Sum(e => e.CustomStatus.Recipients.Count(r => r.Status == "Delivered"));
            token = response.Headers.TryGetValues("x-ms-continuation-token", out var values) ? values.Single() : null;
            if (token is null)
            {
                break;
            }
        }

        return delivered;
    }
}
