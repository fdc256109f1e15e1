using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Mailstrom.Diagnostics;
using Mailstrom.Server.Tests.Infrastructure;
using Mailstrom.Testing.Rig;
using Microsoft.Extensions.DependencyInjection;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Mailstrom.Server.Tests.Telemetry;

/// <summary>
/// Real deliveries through the rig (dnsmasq, Postfix with STARTTLS, the reject and tempfail sinks), read back through
/// the OpenTelemetry SDK with in-memory exporters added beside the server's own wiring, and through its Prometheus
/// scrape endpoint. The SDK listens to every meter named <c>Mailstrom</c> in the process, so these tests run alone.
/// </summary>
[RigTest]
[Collection(nameof(TelemetryOnTheRigTests))]
public sealed class TelemetryOnTheRigTests
{
    private const int Timeout = 120_000;
    private static readonly IPAddress Remote = IPAddress.Parse("203.0.113.9");

    [Theory(Timeout = Timeout)]
    [InlineData("Native")]
    [InlineData("Durable")]
    public async Task OneEmailToADeliveringARejectingAndADeferringDomain_IsCountedTracedAndScraped(string engine)
    {
        var rig = RigEnvironment.Current;
        var local = "telemetry-" + Guid.NewGuid().ToString("N")[..12];
        var metrics = new List<MetricSnapshot>();
        var spans = new List<Activity>();
        using var app = ServerApp.Create(
            remoteAddress: Remote,
            keys: [ServerApp.Key],
            settings: new Dictionary<string, string?>(RigDeliverySettings.For(rig, TimeSpan.FromHours(1)))
            {
                ["Mailstrom:Engine"] = engine,
                ["Mailstrom:Durable:ConnectionString"] = rig.Get("AZURITE_CONNECTION_STRING"),
                ["Mailstrom:Durable:TaskHub"] = $"otel{Guid.NewGuid():N}"[..24],
                ["Mailstrom:Durable:MaxPollingInterval"] = "00:00:00.500",
                ["Mailstrom:Delivery:EnableWorker"] = "true",
                ["Mailstrom:Telemetry:Tracing"] = "true",
            },
            services: s => s
                .ConfigureOpenTelemetryMeterProvider(m => m.AddInMemoryExporter(metrics))
                .ConfigureOpenTelemetryTracerProvider(t => t.AddInMemoryExporter(spans)));
        using var client = app.CreateApiClient();
        string[] to = [$"{local}@{rig.PostfixDomain}", $"{local}@{rig.Domain("reject")}", $"{local}@{rig.Domain("tempfail")}"];

        using var created = await client.PostJsonAsync(Api.Json("Telemetry", to), key: ServerApp.Key);
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        using var createdBody = await Api.ReadJsonAsync(created);
        var id = createdBody.RootElement.GetProperty("id").GetString()!;
        await WaitUntilEveryRecipientWasAttemptedAsync(client, id, TimeSpan.FromSeconds(90));
        // The Prometheus reader only collects when scraped, so the provider's flush reports false; the in-memory reader collects.
        app.Services.GetRequiredService<MeterProvider>().ForceFlush();
        Assert.True(app.Services.GetRequiredService<TracerProvider>().ForceFlush());

        var latest = metrics.GroupBy(m => m.Name).ToDictionary(g => g.Key, g => g.Last());
        Assert.Equal(1, Sum(latest[MailstromMetrics.EmailsAccepted]));
        Assert.Equal(1, HistogramCount(latest[MailstromMetrics.AcceptDuration]));
        Assert.Equal(3, Sum(latest[MailstromMetrics.Attempts]));
        Assert.Equal(3, HistogramCount(latest[MailstromMetrics.AttemptDuration]));
        Assert.Equal(1, HistogramCount(latest[MailstromMetrics.DeliveryLatency]));
        var recipients = latest[MailstromMetrics.Recipients].MetricPoints
            .ToDictionary(p => $"{Tag(p, TelemetryTags.RecipientStatus)}/{Tag(p, TelemetryTags.StatusClass)}", p => p.GetSumLong());
        Assert.Equal(new Dictionary<string, long> { ["delivered/2"] = 1, ["failed/5"] = 1, ["deferred/4"] = 1 }, recipients);
        if (engine == "Native")
        {
            // The backlog gauges read the SQLite store; the Durable engine's backlog is the task hub's (see the README).
            Assert.Equal(1, GaugeLong(latest[MailstromMetrics.RecipientsDeferred]));
            Assert.Equal(0, GaugeLong(latest[MailstromMetrics.RecipientsDue]));
        }

        var accept = Assert.Single(spans, s => s.OperationName == MailstromTelemetry.AcceptSpan);
        Assert.Equal(id, accept.GetTagItem(TelemetryTags.EmailId));
        var attempts = spans.Where(s => s.OperationName == MailstromTelemetry.DeliverSpan)
            .ToDictionary(s => (string)s.GetTagItem(TelemetryTags.Domain)!);
        Assert.Equal(3, attempts.Count);
        Assert.All(attempts.Values, s => Assert.Equal(id, s.GetTagItem(TelemetryTags.EmailId)));
        var delivered = attempts[rig.PostfixDomain];
        Assert.Equal(rig.PostfixMxHost, delivered.GetTagItem(TelemetryTags.ServerAddress));
        Assert.Equal(250, delivered.GetTagItem(TelemetryTags.ReplyCode));
        Assert.Equal(true, delivered.GetTagItem(TelemetryTags.Tls));
        Assert.Equal(ActivityStatusCode.Unset, delivered.Status);
        Assert.Equal(550, attempts[rig.Domain("reject")].GetTagItem(TelemetryTags.ReplyCode));
        Assert.Equal(451, attempts[rig.Domain("tempfail")].GetTagItem(TelemetryTags.ReplyCode));
        Assert.Equal(ActivityStatusCode.Error, attempts[rig.Domain("tempfail")].Status);
        var leaked = spans.SelectMany(s => s.TagObjects).Where(t => Convert.ToString(t.Value, CultureInfo.InvariantCulture)!.Contains(local, StringComparison.Ordinal));
        Assert.Empty(leaked);

        using var anonymous = await client.GetAsync(new Uri("/metrics", UriKind.Relative));
        using var scraped = await client.GetAsync(new Uri($"/metrics?code={ServerApp.Key}", UriKind.Relative));
        var text = await scraped.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.Equal(HttpStatusCode.OK, scraped.StatusCode);
        Assert.Contains("mailstrom_emails_accepted", text, StringComparison.Ordinal);
        Assert.Contains("mailstrom_recipient_status=\"delivered\"", text, StringComparison.Ordinal);
        Assert.DoesNotContain(local, text, StringComparison.Ordinal);
    }

    private static long Sum(MetricSnapshot metric) => metric.MetricPoints.Sum(p => p.GetSumLong());

    private static long HistogramCount(MetricSnapshot metric) => metric.MetricPoints.Sum(p => p.GetHistogramCount());

    private static long GaugeLong(MetricSnapshot metric) => Assert.Single(metric.MetricPoints).GetGaugeLastValueLong();

    private static string? Tag(MetricPoint point, string name)
    {
        foreach (var tag in point.Tags)
        {
            if (tag.Key == name)
            {
                return Convert.ToString(tag.Value, CultureInfo.InvariantCulture);
            }
        }

        return null;
    }

    private static async Task WaitUntilEveryRecipientWasAttemptedAsync(HttpClient client, string id, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
        string? last = null;
        try
        {
            do
            {
                using var response = await client.GetAsync(new Uri($"{Api.Emails}/{id}?code={ServerApp.Key}", UriKind.Relative), deadline.Token);
                last = await response.Content.ReadAsStringAsync(deadline.Token);
                using var document = JsonDocument.Parse(last);
                var recipients = document.RootElement.GetProperty("customStatus").GetProperty("recipients");
                if (recipients.EnumerateArray().All(r => r.GetProperty("attempts").GetInt32() >= 1))
                {
                    return;
                }
            }
            while (await timer.WaitForNextTickAsync(deadline.Token));
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested)
        {
        }

        throw new TimeoutException($"not every recipient of {id} was attempted within {timeout}; last status: {last}");
    }
}

/// <summary>Runs <see cref="TelemetryOnTheRigTests"/> while no other test of the assembly runs.</summary>
[CollectionDefinition(nameof(TelemetryOnTheRigTests), DisableParallelization = true)]
public sealed class TelemetryOnTheRigCollection;
