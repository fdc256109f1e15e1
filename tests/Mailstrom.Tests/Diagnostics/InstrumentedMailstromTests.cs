using System.Diagnostics;
using System.Diagnostics.Metrics;
using Mailstrom.Composition;
using Mailstrom.Diagnostics;
using Mailstrom.Model;
using Mailstrom.Storage;
using Mailstrom.Submission;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using MimeKit;

namespace Mailstrom.Tests.Diagnostics;

public sealed class InstrumentedMailstromTests : IDisposable
{
    private readonly ServiceProvider _services = new ServiceCollection().AddMetrics().BuildServiceProvider();
    private readonly List<Activity> _spans = [];
    private readonly ActivityListener _listener;
    private readonly string _marker = Guid.NewGuid().ToString("N");

    public InstrumentedMailstromTests()
    {
        // Only this test's spans: the fake engine tags the ambient activity with the test's marker.
        _listener = new ActivityListener
        {
            ShouldListenTo = s => s.Name == MailstromTelemetry.ActivitySourceName,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = a =>
            {
                if (a.GetTagItem("test") as string == _marker)
                {
                    lock (_spans)
                    {
                        _spans.Add(a);
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    [Fact]
    public async Task Send_Accepted_IsCountedTimedAndTraced_WithTheEmailIdAndWhetherItWasReplayed()
    {
        var meters = _services.GetRequiredService<IMeterFactory>();
        using var metrics = new MailstromMetrics(meters);
        using var accepted = new MetricCollector<long>(meters, MailstromTelemetry.MeterName, MailstromMetrics.EmailsAccepted);
        using var duration = new MetricCollector<double>(meters, MailstromTelemetry.MeterName, MailstromMetrics.AcceptDuration);
        var engine = new InstrumentedMailstrom(new FakeEngine(_marker, _ => new SendResult("id-1", Replayed: true)), metrics, TimeProvider.System);

        var result = await engine.SendAsync(new EmailRequest(), new SendOptions { IdempotencyKey = "k" });

        Assert.Equal("id-1", result.Id);
        Assert.Equal(true, Assert.Single(accepted.GetMeasurementSnapshot()).Tags[TelemetryTags.Replayed]);
        Assert.Single(duration.GetMeasurementSnapshot());
        var span = Assert.Single(_spans);
        Assert.Equal(MailstromTelemetry.AcceptSpan, span.OperationName);
        Assert.Equal("id-1", span.GetTagItem(TelemetryTags.EmailId));
        Assert.Equal(true, span.GetTagItem(TelemetryTags.Replayed));
        Assert.Equal(ActivityStatusCode.Unset, span.Status);
    }

    public static TheoryData<string, Exception> Refusals => new()
    {
        { "invalid", new EmailValidationException("to", "no recipient") },
        { "conflict", new IdempotencyConflictException("the key was used for another email") },
        { "cancelled", new OperationCanceledException() },
        { "unavailable", new StoreUnavailableException("the store did not answer", new IOException("timeout")) },
        { "error", new IOException("disk full") },
    };

    [Theory]
    [MemberData(nameof(Refusals))]
    public async Task Send_Refused_IsCountedByWhy_AndTheSpanEndsInError_AndTheExceptionPassesUnchanged(string refusal, Exception thrown)
    {
        var meters = _services.GetRequiredService<IMeterFactory>();
        using var metrics = new MailstromMetrics(meters);
        using var refused = new MetricCollector<long>(meters, MailstromTelemetry.MeterName, MailstromMetrics.EmailsRefused);
        using var accepted = new MetricCollector<long>(meters, MailstromTelemetry.MeterName, MailstromMetrics.EmailsAccepted);
        var engine = new InstrumentedMailstrom(new FakeEngine(_marker, _ => throw thrown), metrics, TimeProvider.System);

        var caught = await Assert.ThrowsAnyAsync<Exception>(() => engine.SendAsync(new EmailRequest()));

        Assert.Same(thrown, caught);
        Assert.Equal(refusal, Assert.Single(refused.GetMeasurementSnapshot()).Tags[TelemetryTags.Refusal]);
        Assert.Empty(accepted.GetMeasurementSnapshot());
        var span = Assert.Single(_spans);
        Assert.Equal(ActivityStatusCode.Error, span.Status);
        Assert.Equal(refusal, span.GetTagItem(TelemetryTags.Refusal));
    }

    public void Dispose()
    {
        _listener.Dispose();
        _services.Dispose();
    }

    /// <summary>An engine whose sends answer as told, marking the accept span as this test's.</summary>
    private sealed class FakeEngine(string marker, Func<EmailRequest, SendResult> send) : IMailstrom
    {
        public Task<string> SendAsync(EmailRequest request, CancellationToken cancellationToken = default) =>
            Task.FromResult(Send(request).Id);

        public Task<string> SendAsync(MimeMessage message, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<SendResult> SendAsync(EmailRequest request, SendOptions options, CancellationToken cancellationToken = default) =>
            Task.FromResult(Send(request));

        public Task<SendResult> SendAsync(MimeMessage message, SendOptions options, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<EmailStatus?> GetStatusAsync(string id, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<TerminateResult> TerminateAsync(string id, string? reason, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<bool> PurgeAsync(string id, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<EmailPage> ListAsync(EmailQuery query, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<Mailstrom.Suppression.SuppressionPage> ListSuppressionsAsync(Mailstrom.Suppression.SuppressionQuery query, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<bool> RemoveSuppressionAsync(string address, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        private SendResult Send(EmailRequest request)
        {
            Activity.Current?.SetTag("test", marker);
            return send(request);
        }
    }
}
