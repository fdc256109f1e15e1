using System.Diagnostics.Metrics;
using Mailstrom.Delivery;
using Mailstrom.Diagnostics;
using Mailstrom.Model;
using Mailstrom.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Time.Testing;

namespace Mailstrom.Tests.Diagnostics;

public sealed class MailstromMetricsTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private static readonly AttemptOutcome Delivered = new(AttemptOutcomeKind.Delivered, 250, "2.0.0", "250 2.0.0 Ok", "mx.a.test", "TLSv1.3");
    private static readonly AttemptOutcome Deferred = new(AttemptOutcomeKind.Transient, 451, "4.3.0", "451 4.3.0 Later", "mx.a.test");

    [Fact]
    public void Attempted_CountsOneAttempt_AndTheLatencyOfEachDeliveredRecipientOnly()
    {
        using var metrics = new MailstromMetrics(Meters);
        using var attempts = Collect<long>(MailstromMetrics.Attempts);
        using var latency = Collect<double>(MailstromMetrics.DeliveryLatency);
        using var duration = Collect<double>(MailstromMetrics.AttemptDuration);

        metrics.Attempted([Delivered, Deferred, Delivered], TimeSpan.FromMilliseconds(40), TimeSpan.FromSeconds(3));
        metrics.Attempted([Deferred], TimeSpan.FromMilliseconds(10), sinceAcceptance: null);

        var counted = attempts.GetMeasurementSnapshot();
        Assert.Equal(2, counted.Count);
        Assert.Equal("mixed", counted[0].Tags[TelemetryTags.AttemptResult]);
        Assert.Equal(true, counted[0].Tags[TelemetryTags.Tls]);
        Assert.Equal("deferred", counted[1].Tags[TelemetryTags.AttemptResult]);
        Assert.Equal(false, counted[1].Tags[TelemetryTags.Tls]);
        Assert.Equal([3.0, 3.0], latency.GetMeasurementSnapshot().Select(m => m.Value));
        Assert.Equal([0.04, 0.01], duration.GetMeasurementSnapshot().Select(m => m.Value));
    }

    [Theory]
    [InlineData(DeliveryStatus.Delivered, "2.0.0", 250, "delivered", "2")]
    [InlineData(DeliveryStatus.Deferred, "4.7.1", 451, "deferred", "4")]
    [InlineData(DeliveryStatus.Failed, null, 554, "failed", "5")]
    [InlineData(DeliveryStatus.Deferred, null, null, "deferred", "none")]
    public void RecipientUpdated_IsTaggedWithTheStatus_AndTheReplyClass(DeliveryStatus status, string? enhanced, int? code, string name, string @class)
    {
        using var metrics = new MailstromMetrics(Meters);
        using var recipients = Collect<long>(MailstromMetrics.Recipients);

        metrics.RecipientUpdated(new RecipientStatus("a@a.test", status) { EnhancedStatusCode = enhanced, SmtpCode = code, Attempts = 1 });

        var measured = Assert.Single(recipients.GetMeasurementSnapshot());
        Assert.Equal(1, measured.Value);
        Assert.Equal(name, measured.Tags[TelemetryTags.RecipientStatus]);
        Assert.Equal(@class, measured.Tags[TelemetryTags.StatusClass]);
        Assert.DoesNotContain(measured.Tags.Values, v => v is string s && s.Contains('@', StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(Mailstrom.Webhooks.WebhookDecisionKind.Delivered, "delivered")]
    [InlineData(Mailstrom.Webhooks.WebhookDecisionKind.Retry, "retrying")]
    [InlineData(Mailstrom.Webhooks.WebhookDecisionKind.Dead, "dead")]
    public void WebhookSent_IsTaggedWithTheEndpointAndWhatBecameOfTheEvent(Mailstrom.Webhooks.WebhookDecisionKind kind, string result)
    {
        using var metrics = new MailstromMetrics(Meters);
        using var sent = Collect<long>(MailstromMetrics.WebhooksSent);

        metrics.WebhookSent("crm", kind);

        var measured = Assert.Single(sent.GetMeasurementSnapshot());
        Assert.Equal(1, measured.Value);
        Assert.Equal("crm", measured.Tags[TelemetryTags.WebhookEndpoint]);
        Assert.Equal(result, measured.Tags[TelemetryTags.WebhookResult]);
    }

    [Fact]
    public void BacklogGauges_ReadTheStoreAtMostOnceASecond_AndReportTheAgeOfTheOldestDueRecipient()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 4, 12, 0, 0, TimeSpan.Zero));
        var backlog = new CountingBacklog(new DeliveryBacklog(Due: 3, Deferred: 7, OldestDueTime: clock.GetUtcNow().AddSeconds(-90)));
        using var metrics = new MailstromMetrics(Meters, backlog: backlog, timeProvider: clock);
        using var due = Collect<long>(MailstromMetrics.RecipientsDue);
        using var deferred = Collect<long>(MailstromMetrics.RecipientsDeferred);
        using var age = Collect<double>(MailstromMetrics.OldestDueAge);

        due.RecordObservableInstruments();
        deferred.RecordObservableInstruments();
        age.RecordObservableInstruments();
        var readsWithinASecond = backlog.Reads;
        clock.Advance(TimeSpan.FromSeconds(2));
        backlog.Value = new DeliveryBacklog(Due: 0, Deferred: 7, OldestDueTime: null);
        due.RecordObservableInstruments();
        age.RecordObservableInstruments();

        Assert.Equal(1, readsWithinASecond);
        Assert.Equal(2, backlog.Reads);
        Assert.Equal([3L, 0L], due.GetMeasurementSnapshot().Select(m => m.Value));
        Assert.Equal(7, Assert.Single(deferred.GetMeasurementSnapshot()).Value);
        Assert.Equal([90.0, 0.0], age.GetMeasurementSnapshot().Select(m => m.Value));
    }

    [Fact]
    public void BacklogGauges_WhenTheStoreFails_ReportNothing()
    {
        using var metrics = new MailstromMetrics(Meters, backlog: new CountingBacklog(null), timeProvider: new FakeTimeProvider());
        using var due = Collect<long>(MailstromMetrics.RecipientsDue);

        due.RecordObservableInstruments();

        Assert.Empty(due.GetMeasurementSnapshot());
    }

    /// <summary>This test's meter factory, so that no other test's measurements reach its collectors.</summary>
    private IMeterFactory Meters => _services.GetRequiredService<IMeterFactory>();

    public void Dispose() => _services.Dispose();

    private MetricCollector<T> Collect<T>(string instrument)
        where T : struct => new(Meters, MailstromTelemetry.MeterName, instrument);

    /// <summary>A store's backlog that counts its reads; a null value fails the read.</summary>
    private sealed class CountingBacklog(DeliveryBacklog? value) : IDeliveryBacklog
    {
        public DeliveryBacklog? Value { get; set; } = value;

        public int Reads { get; private set; }

        public Task<DeliveryBacklog> ReadBacklogAsync(DateTimeOffset now, CancellationToken cancellationToken)
        {
            Reads++;
            return Value is { } v ? Task.FromResult(v) : Task.FromException<DeliveryBacklog>(new InvalidOperationException("the store is closed"));
        }
    }
}
