using System.Diagnostics;
using System.Diagnostics.Metrics;
using Mailstrom.Delivery;
using Mailstrom.Model;
using Mailstrom.Storage;
using Mailstrom.Webhooks;

namespace Mailstrom.Diagnostics;

/// <summary>
/// Mailstrom's instruments on the <see cref="MailstromTelemetry.MeterName"/> meter, the same for both engines. Counters
/// and histograms are recorded where the event happens (acceptance, the delivery core, the retry decision); the backlog
/// gauges read the store when a collector asks, at most once a second.
/// </summary>
public sealed class MailstromMetrics : IDisposable
{
    /// <summary>Emails accepted (<c>{email}</c>), by <see cref="TelemetryTags.Replayed"/>.</summary>
    public const string EmailsAccepted = "mailstrom.emails.accepted";

    /// <summary>Submissions refused (<c>{email}</c>), by <see cref="TelemetryTags.Refusal"/>.</summary>
    public const string EmailsRefused = "mailstrom.emails.refused";

    /// <summary>Time to accept a submission, until its id is durable (<c>s</c>).</summary>
    public const string AcceptDuration = "mailstrom.accept.duration";

    /// <summary>Recipients' states after each attempt (<c>{recipient}</c>), by <see cref="TelemetryTags.RecipientStatus"/> and <see cref="TelemetryTags.StatusClass"/>.</summary>
    public const string Recipients = "mailstrom.recipients";

    /// <summary>Delivery attempts, one SMTP transaction each (<c>{attempt}</c>), by <see cref="TelemetryTags.AttemptResult"/> and <see cref="TelemetryTags.Tls"/>.</summary>
    public const string Attempts = "mailstrom.delivery.attempts";

    /// <summary>Duration of a delivery attempt, MX resolution included (<c>s</c>).</summary>
    public const string AttemptDuration = "mailstrom.delivery.attempt.duration";

    /// <summary>Time from acceptance to delivery of each delivered recipient (<c>s</c>).</summary>
    public const string DeliveryLatency = "mailstrom.delivery.latency";

    /// <summary>Recipients whose attempt time has come (<c>{recipient}</c>), where the engine's store can tell (<see cref="IDeliveryBacklog"/>).</summary>
    public const string RecipientsDue = "mailstrom.recipients.due";

    /// <summary>Recipients in the Deferred state (<c>{recipient}</c>), where the engine's store can tell.</summary>
    public const string RecipientsDeferred = "mailstrom.recipients.deferred";

    /// <summary>How long the longest-waiting due recipient has been due (<c>s</c>), where the engine's store can tell.</summary>
    public const string OldestDueAge = "mailstrom.recipients.oldest_due.age";

    /// <summary>Webhook requests (<c>{request}</c>), by <see cref="TelemetryTags.WebhookEndpoint"/> and <see cref="TelemetryTags.WebhookResult"/>.</summary>
    public const string WebhooksSent = "mailstrom.webhooks.sent";

    private static readonly double[] ShortBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];
    private static readonly double[] LatencyBuckets = [0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900, 3600, 4 * 3600, 24 * 3600, 5 * 24 * 3600];

    private readonly Meter _meter;
    private readonly Counter<long> _accepted;
    private readonly Counter<long> _refused;
    private readonly Histogram<double> _acceptDuration;
    private readonly Counter<long> _recipients;
    private readonly Counter<long> _attempts;
    private readonly Histogram<double> _attemptDuration;
    private readonly Histogram<double> _latency;
    private readonly Counter<long> _webhooks;

    /// <summary>Creates the instruments on a meter of <paramref name="meterFactory"/> (or a meter of its own without one).</summary>
    /// <param name="meterFactory">The host's meter factory.</param>
    /// <param name="backlog">The engine's backlog, for the backlog gauges; <see langword="null"/> for none.</param>
    /// <param name="timeProvider">The clock of the backlog gauges.</param>
    public MailstromMetrics(IMeterFactory? meterFactory = null, IDeliveryBacklog? backlog = null, TimeProvider? timeProvider = null)
    {
        _meter = meterFactory?.Create(MailstromTelemetry.MeterName) ?? new Meter(MailstromTelemetry.MeterName);
        _accepted = _meter.CreateCounter<long>(EmailsAccepted, "{email}", "Emails accepted.");
        _refused = _meter.CreateCounter<long>(EmailsRefused, "{email}", "Submissions refused.");
        _acceptDuration = Histogram(AcceptDuration, "Time to accept a submission, until its id is durable.", ShortBuckets);
        _recipients = _meter.CreateCounter<long>(Recipients, "{recipient}", "Recipients' states after each delivery attempt.");
        _attempts = _meter.CreateCounter<long>(Attempts, "{attempt}", "Delivery attempts, one SMTP transaction each.");
        _attemptDuration = Histogram(AttemptDuration, "Duration of a delivery attempt, MX resolution included.", ShortBuckets);
        _latency = Histogram(DeliveryLatency, "Time from acceptance to delivery of each delivered recipient.", LatencyBuckets);
        _webhooks = _meter.CreateCounter<long>(WebhooksSent, "{request}", "Webhook requests, by what became of the event.");
        if (backlog is not null)
        {
            var gauges = new BacklogGauges(backlog, timeProvider ?? TimeProvider.System);
            _meter.CreateObservableGauge(RecipientsDue, gauges.Due, "{recipient}", "Recipients due now and waiting for a delivery slot.");
            _meter.CreateObservableGauge(RecipientsDeferred, gauges.Deferred, "{recipient}", "Recipients in the Deferred state.");
            _meter.CreateObservableGauge(OldestDueAge, gauges.OldestDueAge, "s", "How long the longest-waiting due recipient has been due.");
        }
    }

    /// <summary>Records an accepted submission.</summary>
    /// <param name="elapsed">How long acceptance took.</param>
    /// <param name="replayed">Whether it replayed an earlier submission with the same idempotency key.</param>
    public void Accepted(TimeSpan elapsed, bool replayed)
    {
        var tag = new KeyValuePair<string, object?>(TelemetryTags.Replayed, replayed);
        _accepted.Add(1, tag);
        _acceptDuration.Record(elapsed.TotalSeconds, tag);
    }

    /// <summary>Records a refused submission.</summary>
    /// <param name="refusal"><c>invalid</c>, <c>conflict</c>, <c>cancelled</c> or <c>error</c>.</param>
    public void Refused(string refusal) => _refused.Add(1, new KeyValuePair<string, object?>(TelemetryTags.Refusal, refusal));

    /// <summary>Records one delivery attempt and, for each delivered recipient, the time since acceptance.</summary>
    /// <param name="outcomes">The attempt's outcomes, one per recipient.</param>
    /// <param name="elapsed">How long the attempt took.</param>
    /// <param name="sinceAcceptance">The time since the email was accepted, when known.</param>
    public void Attempted(IReadOnlyList<AttemptOutcome> outcomes, TimeSpan elapsed, TimeSpan? sinceAcceptance)
    {
        ArgumentNullException.ThrowIfNull(outcomes);
        var tags = new TagList
        {
            { TelemetryTags.AttemptResult, AttemptResult(outcomes) },
            { TelemetryTags.Tls, outcomes.Any(o => o.Tls is not null) },
        };
        _attempts.Add(1, tags);
        _attemptDuration.Record(elapsed.TotalSeconds, tags);
        if (sinceAcceptance is { } latency)
        {
            foreach (var outcome in outcomes)
            {
                if (outcome.Kind == AttemptOutcomeKind.Delivered)
                {
                    _latency.Record(Math.Max(0, latency.TotalSeconds));
                }
            }
        }
    }

    /// <summary>Records a recipient's state after an attempt, as the retry rule decided it.</summary>
    /// <param name="after">The recipient's new state.</param>
    public void RecipientUpdated(RecipientStatus after)
    {
        ArgumentNullException.ThrowIfNull(after);
        _recipients.Add(1,
            new KeyValuePair<string, object?>(TelemetryTags.RecipientStatus, StatusName(after.Status)),
            new KeyValuePair<string, object?>(TelemetryTags.StatusClass, StatusClass(after.EnhancedStatusCode, after.SmtpCode)));
    }

    /// <summary>Records one webhook request and what became of its event.</summary>
    /// <param name="endpoint">The endpoint's configured name.</param>
    /// <param name="result">Delivered, retried later or dead.</param>
    public void WebhookSent(string endpoint, WebhookDecisionKind result) => _webhooks.Add(1,
        new KeyValuePair<string, object?>(TelemetryTags.WebhookEndpoint, endpoint),
        new KeyValuePair<string, object?>(TelemetryTags.WebhookResult, result switch
        {
            WebhookDecisionKind.Delivered => "delivered",
            WebhookDecisionKind.Retry => "retrying",
            _ => "dead",
        }));

    /// <inheritdoc />
    public void Dispose() => _meter.Dispose();

    /// <summary>What an attempt did for its recipients, as a tag value.</summary>
    /// <param name="outcomes">The outcomes.</param>
    /// <returns><c>delivered</c>, <c>deferred</c> or <c>failed</c> when all agree; <c>mixed</c> otherwise.</returns>
    internal static string AttemptResult(IReadOnlyList<AttemptOutcome> outcomes)
    {
        if (outcomes.Count == 0)
        {
            return "none";
        }

        var kind = outcomes[0].Kind;
        return outcomes.All(o => o.Kind == kind) ? kind switch
        {
            AttemptOutcomeKind.Delivered => "delivered",
            AttemptOutcomeKind.Transient => "deferred",
            _ => "failed",
        } : "mixed";
    }

    /// <summary>The class of a reply: the first digit of its enhanced status code, else of its SMTP code.</summary>
    /// <param name="enhancedStatusCode">The RFC 3463 code, if any.</param>
    /// <param name="smtpCode">The SMTP reply code, if any.</param>
    /// <returns><c>2</c>, <c>4</c>, <c>5</c> or <c>none</c>.</returns>
    internal static string StatusClass(string? enhancedStatusCode, int? smtpCode) =>
        enhancedStatusCode is { Length: > 0 } code && code[0] is '2' or '4' or '5' ? code[..1]
        : (smtpCode / 100) switch { 2 => "2", 4 => "4", 5 => "5", _ => "none" };

    private static string StatusName(DeliveryStatus status) => status switch
    {
        DeliveryStatus.Delivered => "delivered",
        DeliveryStatus.Deferred => "deferred",
        DeliveryStatus.Failed => "failed",
        DeliveryStatus.Queued => "queued",
        _ => "cancelled",
    };

    private Histogram<double> Histogram(string name, string description, double[] buckets) =>
        _meter.CreateHistogram(name, "s", description, tags: null, new InstrumentAdvice<double> { HistogramBucketBoundaries = buckets });
}
