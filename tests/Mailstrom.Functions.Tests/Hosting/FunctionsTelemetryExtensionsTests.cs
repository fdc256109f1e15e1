using System.Diagnostics;
using Mailstrom.Diagnostics;
using Mailstrom.Functions.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OpenTelemetry.Metrics;
using OpenTelemetry.Trace;

namespace Mailstrom.Functions.Tests.Hosting;

public sealed class FunctionsTelemetryExtensionsTests
{
    [Fact]
    public void WithAnOtlpEndpoint_MailstromsMeterAndSourceAreExported()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration[FunctionsTelemetryExtensions.OtlpEndpointKey] = "http://127.0.0.1:4317";

        builder.AddMailstromTelemetry();
        using var services = builder.Services.BuildServiceProvider();

        Assert.NotNull(services.GetService<MeterProvider>());
        Assert.NotNull(services.GetService<TracerProvider>());
        using var source = new ActivitySource(MailstromTelemetry.ActivitySourceName);
        using var span = source.StartActivity("probe");
        Assert.NotNull(span);
        Assert.True(span.Recorded);
    }

    [Fact]
    public void WithoutAnOtlpEndpoint_NothingIsRegistered()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());

        builder.AddMailstromTelemetry();
        using var services = builder.Services.BuildServiceProvider();

        Assert.Null(services.GetService<MeterProvider>());
        Assert.Null(services.GetService<TracerProvider>());
    }
}
