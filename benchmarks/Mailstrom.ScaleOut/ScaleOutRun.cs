using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using Mailstrom.Contracts;

namespace Mailstrom.ScaleOut;

/// <summary>
/// One measurement on the Durable engine, on a fresh task hub: submit every email through an accept-only instance
/// (<c>Mailstrom:Delivery:EnableWorker=false</c>: it accepts and reports, and runs no worker), then start the given
/// number of delivering instances (distinct <c>Mailstrom:Durable:WorkerId</c>, same task hub) and time the sink until it
/// has counted every email. The list API (of the accept-only instance) then confirms each recipient Delivered.
/// </summary>
internal static class ScaleOutRun
{
    private const string Key = "scale-out-benchmark-key";
    private const int SubmitConcurrency = 32;

    public static async Task<ScaleOutResult> RunAsync(
        RigSettings rig, int instances, int emails, IReadOnlyDictionary<string, string> extraSettings)
    {
        var settings = new Dictionary<string, string>
        {
            ["Mailstrom:Engine"] = "Durable",
            ["Mailstrom:Durable:ConnectionString"] = rig.AzuriteConnectionString,
            ["Mailstrom:Durable:TaskHub"] = "so" + Guid.NewGuid().ToString("N")[..12],
            ["Mailstrom:HeloName"] = "client.mailstrom.test",
            ["Mailstrom:Api:Keys:0"] = Key,
            ["Mailstrom:Dns:NameServers:0"] = rig.DnsServer,
            ["Mailstrom:Delivery:SmtpPort"] = rig.SmtpPort.ToString(CultureInfo.InvariantCulture),
            ["Mailstrom:Delivery:AllowPrivateDestinations"] = "true",
        };
        foreach (var (key, value) in extraSettings)
        {
            settings[key] = value;
        }

        await using var submitter = await AppInstance.StartAsync("submit", With(settings, "submit", worker: false));
        using var client = NewClient(submitter.BaseAddress);
        var submitting = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, emails), new ParallelOptions { MaxDegreeOfParallelism = SubmitConcurrency },
            async (i, ct) => await SubmitAsync(client, rig.SinkDomain, i, ct));
        var submittedPerSecond = emails / submitting.Elapsed.TotalSeconds;

        await using var sink = await SinkProcess.StartAsync(rig.SinkAddress, rig.SmtpPort);
        sink.Target = emails;
        var loadBefore = ProcessCpu.LoadAverage();
        var azuritePids = rig.AzuritePids;
        var azuriteBefore = azuritePids.Select(ProcessCpu.Seconds).ToArray();
        var launched = Stopwatch.GetTimestamp();
        var apps = await Task.WhenAll(Enumerable.Range(0, instances).Select(i =>
        {
            var name = ((char)('A' + i)).ToString();
            return AppInstance.StartAsync(name, With(settings, $"instance-{name.ToLowerInvariant()}", worker: true));
        }));
        try
        {
            // Bounded: a run that stalls ends after the limit and reports what was delivered.
            var within = TimeSpan.FromSeconds(Math.Max(300, emails / 2.0));
            var waited = Stopwatch.StartNew();
            double[]? cpuAtFirst = null;
            while (sink.TargetTimestamp == 0 && waited.Elapsed < within)
            {
                if (cpuAtFirst is null && sink.FirstTimestamp != 0)
                {
                    cpuAtFirst = [.. apps.Select(a => a.CpuSeconds)];
                }

                await Task.Delay(20);
            }

            var done = sink.TargetTimestamp;
            var azuriteAfter = azuritePids.Select(ProcessCpu.Seconds).ToArray();
            var cpuAtDone = apps.Select(a => a.CpuSeconds).ToArray();
            var loadAfter = ProcessCpu.LoadAverage();
            var (delivered, final) = await CountDeliveredAsync(client, emails, TimeSpan.FromSeconds(120));
            return new ScaleOutResult(
                instances,
                emails,
                submittedPerSecond,
                sink.Messages,
                delivered,
                final,
                done == 0 ? null : Stopwatch.GetElapsedTime(sink.FirstTimestamp, done),
                done == 0 ? null : Stopwatch.GetElapsedTime(launched, done),
                [.. apps.Select((a, i) => new InstanceShare(a.Name, a.Delivered, a.NotDelivered, cpuAtDone[i], cpuAtFirst?[i] ?? double.NaN))],
                [.. azuriteAfter.Zip(azuriteBefore, (after, before) => after - before)],
                loadBefore,
                loadAfter);
        }
        finally
        {
            foreach (var app in apps)
            {
                await app.DisposeAsync();
            }
        }
    }

    private static Dictionary<string, string> With(Dictionary<string, string> settings, string workerId, bool worker) =>
        new(settings)
        {
            ["Mailstrom:Durable:WorkerId"] = workerId,
            ["Mailstrom:Delivery:EnableWorker"] = worker ? "true" : "false",
        };

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

    /// <summary>Lists every email (page by page) until each recipient is Delivered and no email is Pending or Running,
    /// or the time is up (a failed listing is tried again); returns how many recipients are Delivered.</summary>
    private static async Task<(int Delivered, bool Final)> CountDeliveredAsync(HttpClient client, int emails, TimeSpan within)
    {
        var waited = Stopwatch.StartNew();
        var delivered = 0;
        while (waited.Elapsed < within)
        {
            var final = false;
            try
            {
                (delivered, final) = await CountOnceAsync(client);
            }
            catch (HttpRequestException ex)
            {
                Console.Error.WriteLine($"  listing failed ({ex.Message}); trying again");
            }

            if (final && delivered >= emails)
            {
                return (delivered, true);
            }

            await Task.Delay(500);
        }

        return (delivered, false);
    }

    private static async Task<(int Delivered, bool Final)> CountOnceAsync(HttpClient client)
    {
        var delivered = 0;
        var final = true;
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
            final &= emails.All(e => e.RuntimeStatus is not ("Pending" or "Running"));
            token = response.Headers.TryGetValues("x-ms-continuation-token", out var values) ? values.Single() : null;
            if (token is null)
            {
                break;
            }
        }

        return (delivered, final);
    }
}
