using Azure.Core.Serialization;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Mailstrom.Functions.Tests.Infrastructure;

/// <summary>
/// How Durable payloads are serialized under the Functions host: the worker's <see cref="WorkerOptions.Serializer"/>
/// (as <c>AddFunctionsWorkerDefaults</c> sets it up), which the Durable extension wraps in its internal
/// <c>ObjectConverterShim</c> for orchestration inputs, outputs and custom status, and uses directly for activity inputs
/// and outputs.
/// </summary>
internal static class FunctionsSerialization
{
    /// <summary>The worker's default serializer.</summary>
    public static ObjectSerializer WorkerSerializer()
    {
        using var services = new ServiceCollection().AddLogging().AddFunctionsWorkerDefaults().Services.BuildServiceProvider();
        return services.GetRequiredService<IOptions<WorkerOptions>>().Value.Serializer
            ?? throw new InvalidOperationException("The worker has no default serializer.");
    }

    /// <summary>The Durable extension's own converter over the worker's serializer.</summary>
    public static DataConverter DurableConverter()
    {
        var type = typeof(DurableTaskClientExtensions).Assembly.GetType(
            "Microsoft.Azure.Functions.Worker.Extensions.DurableTask.ObjectConverterShim", throwOnError: true)!;
        return (DataConverter)Activator.CreateInstance(type, WorkerSerializer())!;
    }
}
