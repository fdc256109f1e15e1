using System.Diagnostics;

namespace Mailstrom.Diagnostics;

/// <summary>
/// The names under which Mailstrom publishes its telemetry: one meter (see <see cref="MailstromMetrics"/> for its
/// instruments) and one activity source. Subscribe to both, e.g. with OpenTelemetry's <c>AddMeter(MeterName)</c> and
/// <c>AddSource(ActivitySourceName)</c>. Spans and metrics carry domains, host names, reply codes and email ids; never an
/// address's local part, a subject or a body.
/// </summary>
public static class MailstromTelemetry
{
    /// <summary>The name of Mailstrom's meter.</summary>
    public const string MeterName = "Mailstrom";

    /// <summary>The name of Mailstrom's activity source.</summary>
    public const string ActivitySourceName = "Mailstrom";

    /// <summary>The span of one accepted (or refused) submission.</summary>
    public const string AcceptSpan = "mailstrom.accept";

    /// <summary>The span of one delivery attempt: one SMTP transaction for the recipients of one email on one domain.</summary>
    public const string DeliverSpan = "mailstrom.deliver";

    internal static readonly ActivitySource Source = new(ActivitySourceName, typeof(MailstromTelemetry).Assembly.GetName().Version?.ToString());
}
