using System.Collections.Concurrent;
using Microsoft.DurableTask;

namespace Mailstrom.Functions.Tests.Infrastructure;

/// <summary>A <see cref="DataConverter"/> that records the types it deserializes, so a test can tell it was used.</summary>
internal sealed class RecordingDataConverter(DataConverter inner) : DataConverter
{
    private readonly ConcurrentDictionary<Type, int> _deserialized = new();

    /// <summary>The types read back from the task hub.</summary>
    public IReadOnlyCollection<Type> Deserialized => [.. _deserialized.Keys];

    public override string? Serialize(object? value) => inner.Serialize(value);

    public override object? Deserialize(string? data, Type targetType)
    {
        _deserialized.AddOrUpdate(targetType, 1, (_, n) => n + 1);
        return inner.Deserialize(data, targetType);
    }
}
