using System.Diagnostics;
using Mailstrom.Delivery;

namespace Mailstrom.Diagnostics;

/// <summary>
/// The <see cref="MailstromTelemetry.DeliverSpan"/> span of one delivery attempt: the email id, the recipients' domain
/// and count when it starts; the host that answered, TLS, the reply code and the per-outcome counts when it ends. An
/// attempt that delivered to nobody ends in error.
/// </summary>
internal static class AttemptSpan
{
    public static Activity? Start(DeliveryBatch batch)
    {
        var span = MailstromTelemetry.Source.StartActivity(MailstromTelemetry.DeliverSpan, ActivityKind.Client);
        if (span is { IsAllDataRequested: true })
        {
            span.SetTag(TelemetryTags.EmailId, batch.EmailId);
            span.SetTag(TelemetryTags.Domain, batch.Domain);
            span.SetTag(TelemetryTags.RecipientCount, batch.Recipients.Count);
        }

        return span;
    }

    public static void Complete(Activity? span, IReadOnlyList<AttemptOutcome> outcomes)
    {
        if (span is not { IsAllDataRequested: true })
        {
            return;
        }

        var result = MailstromMetrics.AttemptResult(outcomes);
        span.SetTag(TelemetryTags.AttemptResult, result);
        span.SetTag(TelemetryTags.Tls, outcomes.Any(o => o.Tls is not null));
        if (outcomes.FirstOrDefault(o => o.MxHost is not null)?.MxHost is { } host)
        {
            span.SetTag(TelemetryTags.ServerAddress, host);
        }

        var telling = outcomes.FirstOrDefault(o => o.Kind != AttemptOutcomeKind.Delivered && o.SmtpCode is not null)
            ?? outcomes.FirstOrDefault(o => o.SmtpCode is not null);
        if (telling?.SmtpCode is { } code)
        {
            span.SetTag(TelemetryTags.ReplyCode, code);
        }

        if (!outcomes.Any(o => o.Kind == AttemptOutcomeKind.Delivered))
        {
            span.SetStatus(ActivityStatusCode.Error, result);
        }
    }
}
