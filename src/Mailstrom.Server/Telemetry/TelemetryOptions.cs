namespace Mailstrom.Server.Telemetry;

/// <summary>Settings of the server's telemetry export (<c>Mailstrom:Telemetry</c>).</summary>
public sealed class TelemetryOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Mailstrom:Telemetry";

    /// <summary>The standard OpenTelemetry setting that turns on OTLP export of metrics and traces.</summary>
    public const string OtlpEndpointKey = "OTEL_EXPORTER_OTLP_ENDPOINT";

    /// <summary>
    /// Whether <c>GET /metrics</c> serves the metrics in the Prometheus text format, behind the same key rules as the API.
    /// </summary>
    /// <value>Defaults to <see langword="true"/>.</value>
    public bool Prometheus { get; set; } = true;

    /// <summary>
    /// Whether spans are recorded (the accept span and one per delivery attempt). They are always recorded when
    /// <see cref="OtlpEndpointKey"/> is set; otherwise nothing would read them, and none are made.
    /// </summary>
    /// <value>Defaults to <see langword="false"/>.</value>
    public bool Tracing { get; set; }
}
