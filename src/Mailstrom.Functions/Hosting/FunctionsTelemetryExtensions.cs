using Mailstrom.Diagnostics;
using Microsoft.Azure.Functions.Worker.OpenTelemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry;

namespace Mailstrom.Functions.Hosting;

/// <summary>The function app's telemetry, through the Functions worker's OpenTelemetry integration.</summary>
public static class FunctionsTelemetryExtensions
{
    /// <summary>The standard OpenTelemetry setting that turns on OTLP export.</summary>
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// When <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, exports over OTLP the worker's own signals (the Functions worker
    /// defaults: function invocations, with the host's trace context) and Mailstrom's meter and activity source: the
    /// delivery attempts the <c>Deliver</c> activity makes and the acceptance of each email. Without it nothing is
    /// registered, and the instruments cost nothing. The Functions host's own telemetry is chosen in <c>host.json</c>
    /// (<c>telemetryMode</c>), independently.
    /// </summary>
    /// <param name="builder">The function app's builder.</param>
    /// <returns>The same builder.</returns>
    public static IHostApplicationBuilder AddMailstromTelemetry(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        if (string.IsNullOrWhiteSpace(builder.Configuration[OtlpEndpointKey]))
        {
            return builder;
        }

        builder.Services.AddOpenTelemetry()
            .UseFunctionsWorkerDefaults()
            .WithMetrics(metrics => metrics.AddMeter(MailstromTelemetry.MeterName))
            .WithTracing(tracing => tracing.AddSource(MailstromTelemetry.ActivitySourceName))
            .UseOtlpExporter();
        return builder;
    }
}
