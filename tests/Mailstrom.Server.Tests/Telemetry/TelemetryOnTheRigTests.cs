using System.Diagnostics;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Net;
using System.Text.Json;
using Mailstrom.Diagnostics;
using Mailstrom.Server.Tests.Infrastructure;
using Mailstrom.Testing.Rig;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Mailstrom.Server.Tests.Telemetry;

/// <summary>
/// Real deliveries through the rig (dnsmasq, Postfix with STARTTLS, the reject and tempfail sinks), read back through
/// the OpenTelemetry SDK with in-memory exporters added beside the server's own wiring, and through its Prometheus
/// scrape endpoint. The SDK listens to every meter named <c>Mailstrom</c> in the process, other tests' hosts included:
/// the counts are read with collectors scoped to this host's meter factory, the spans by this email's id, and the
/// exporters are checked for carrying the instruments at all.
/// </summary>
[RigTest]
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
        var metrics = new LockedList<MetricSnapshot>();
        var spans = new LockedList<Activity>();
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
        var meters = app.Services.GetRequiredService<IMeterFactory>();
        using var accepted = Collect<long>(meters, MailstromMetrics.EmailsAccepted);
        using var acceptDuration = Collect<double>(meters, MailstromMetrics.AcceptDuration);
        using var attempts = Collect<long>(meters, MailstromMetrics.Attempts);
        using var attemptDuration = Collect<double>(meters, MailstromMetrics.AttemptDuration);
        using var latency = Collect<double>(meters, MailstromMetrics.DeliveryLatency);
        using var recipientStates = Collect<long>(meters, MailstromMetrics.Recipients);
        using var deferredNow = Collect<long>(meters, MailstromMetrics.RecipientsDeferred);
        using var dueNow = Collect<long>(meters, MailstromMetrics.RecipientsDue);
        string[] to = [$"{local}@{rig.PostfixDomain}", $"{local}@{rig.Domain("reject")}", $"{local}@{rig.Domain("tempfail")}"];

        using var created = await client.PostJsonAsync(Api.Json("Telemetry", to), key: ServerApp.Key);
        Assert.Equal(HttpStatusCode.Accepted, created.StatusCode);
        using var createdBody = await Api.ReadJsonAsync(created);
        var id = createdBody.RootElement.GetProperty("id").GetString()!;
        await WaitUntilEveryRecipientWasAttemptedAsync(client, id, TimeSpan.FromSeconds(90));
        // The Prometheus reader only collects when scraped, so the provider's flush reports false; the in-memory reader collects.
        app.Services.GetRequiredService<MeterProvider>().ForceFlush();
        Assert.True(app.Services.GetRequiredService<TracerProvider>().ForceFlush());

        Assert.Equal(1, accepted.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.Single(acceptDuration.GetMeasurementSnapshot());
        Assert.Equal(3, attempts.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.Equal(3, attemptDuration.GetMeasurementSnapshot().Count);
        Assert.Single(latency.GetMeasurementSnapshot());
        // The native engine counts a recipient's new state just after committing it, so the status may show it first.
        await recipientStates.WaitForMeasurementsAsync(3, TimeSpan.FromSeconds(10));
        var recipients = recipientStates.GetMeasurementSnapshot()
            .Select(m => $"{m.Tags[TelemetryTags.RecipientStatus]}/{m.Tags[TelemetryTags.StatusClass]}").Order();
        Assert.Equal(["deferred/4", "delivered/2", "failed/5"], recipients);
        // The backlog gauges: the SQLite store on the native engine, the running instances' custom status on the Durable one.
        deferredNow.RecordObservableInstruments();
        dueNow.RecordObservableInstruments();
        Assert.Equal(1, deferredNow.LastMeasurement!.Value);
        Assert.Equal(0, dueNow.LastMeasurement!.Value);

        // The SDK's wiring exports the instruments (their counts may include other hosts of this test process).
        var exported = metrics.Select(m => m.Name).ToHashSet();
        Assert.Superset(new HashSet<string> { MailstromMetrics.EmailsAccepted, MailstromMetrics.Attempts, MailstromMetrics.Recipients, MailstromMetrics.DeliveryLatency }, exported);

        var accept = Assert.Single(spans, s => s.OperationName == MailstromTelemetry.AcceptSpan && Equals(s.GetTagItem(TelemetryTags.EmailId), id));
        Assert.Equal(id, accept.GetTagItem(TelemetryTags.EmailId));
        var attemptSpans = spans.Where(s => s.OperationName == MailstromTelemetry.DeliverSpan && Equals(s.GetTagItem(TelemetryTags.EmailId), id))
            .ToDictionary(s => (string)s.GetTagItem(TelemetryTags.Domain)!);
        Assert.Equal(3, attemptSpans.Count);
        var delivered = attemptSpans[rig.PostfixDomain];
        Assert.Equal(rig.PostfixMxHost, delivered.GetTagItem(TelemetryTags.ServerAddress));
        Assert.Equal(250, delivered.GetTagItem(TelemetryTags.ReplyCode));
        Assert.Equal(true, delivered.GetTagItem(TelemetryTags.Tls));
        Assert.Equal(ActivityStatusCode.Unset, delivered.Status);
        Assert.Equal(550, attemptSpans[rig.Domain("reject")].GetTagItem(TelemetryTags.ReplyCode));
        Assert.Equal(451, attemptSpans[rig.Domain("tempfail")].GetTagItem(TelemetryTags.ReplyCode));
        Assert.Equal(ActivityStatusCode.Error, attemptSpans[rig.Domain("tempfail")].Status);
        var leaked = spans.Where(s => Equals(s.GetTagItem(TelemetryTags.EmailId), id)).SelectMany(s => s.TagObjects).Where(t => Convert.ToString(t.Value, CultureInfo.InvariantCulture)!.Contains(local, StringComparison.Ordinal));
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

    private static MetricCollector<T> Collect<T>(IMeterFactory meters, string instrument)
        where T : struct => new(meters, MailstromTelemetry.MeterName, instrument);

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
