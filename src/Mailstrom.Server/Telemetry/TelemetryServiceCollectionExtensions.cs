using Mailstrom.Diagnostics;
using Mailstrom.Server.Security;
using OpenTelemetry;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Mailstrom.Server.Telemetry;

/// <summary>
/// Exports Mailstrom's meter and activity source (<see cref="MailstromTelemetry"/>) through the OpenTelemetry SDK: a
/// Prometheus scrape endpoint and, when <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> is set, OTLP (configured by the standard
/// <c>OTEL_*</c> variables). With neither, nothing listens and the instruments cost nothing.
/// </summary>
internal static class TelemetryServiceCollectionExtensions
{
    /// <summary>The path of the Prometheus scrape endpoint.</summary>
    public const string PrometheusPath = "/metrics";

    /// <summary>The service name on every exported signal, unless <c>OTEL_SERVICE_NAME</c> says otherwise.</summary>
    public const string ServiceName = "mailstrom";

    /// <summary>Registers the export that <c>Mailstrom:Telemetry</c> and <c>OTEL_EXPORTER_OTLP_ENDPOINT</c> ask for.</summary>
    /// <param name="builder">The application builder.</param>
    /// <returns>The same builder.</returns>
    public static IHostApplicationBuilder AddMailstromTelemetry(this IHostApplicationBuilder builder)
    {
        var settings = Read(builder.Configuration);
        var otlp = !string.IsNullOrWhiteSpace(builder.Configuration[TelemetryOptions.OtlpEndpointKey]);
        if (!settings.Prometheus && !otlp && !settings.Tracing)
        {
            return builder;
        }

        var telemetry = builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService(ServiceName))
            .WithMetrics(metrics =>
            {
                metrics.AddMeter(MailstromTelemetry.MeterName);
                if (settings.Prometheus)
                {
                    metrics.AddPrometheusExporter();
                }
            });
        if (otlp || settings.Tracing)
        {
            telemetry.WithTracing(tracing => tracing.AddSource(MailstromTelemetry.ActivitySourceName).AddAspNetCoreInstrumentation());
        }

        if (otlp)
        {
            telemetry.UseOtlpExporter();
        }

        return builder;
    }

    /// <summary>Serves <see cref="PrometheusPath"/> when <c>Mailstrom:Telemetry:Prometheus</c> is on, behind the API's key rules.</summary>
    /// <param name="app">The application.</param>
    /// <returns>The same application.</returns>
    public static WebApplication MapPrometheusEndpoint(this WebApplication app)
    {
        if (Read(app.Configuration).Prometheus)
        {
            app.MapPrometheusScrapingEndpoint(PrometheusPath).RequireAuthorization(FunctionKeyDefaults.PolicyName);
        }

        return app;
    }

    private static TelemetryOptions Read(IConfiguration configuration) =>
        configuration.GetSection(TelemetryOptions.SectionName).Get<TelemetryOptions>() ?? new TelemetryOptions();
}
