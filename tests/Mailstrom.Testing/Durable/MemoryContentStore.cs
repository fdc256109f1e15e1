using System.Collections.Concurrent;
using Mailstrom.Durable.Content;

namespace Mailstrom.Testing.Durable;

/// <summary>Message content in memory, for tests of the orchestration's logic (the blob store has its own tests on Azurite).</summary>
public sealed class MemoryContentStore : IMessageContentStore
{
    private readonly ConcurrentDictionary<string, byte[]> _contents = new(StringComparer.Ordinal);

    public int Count => _contents.Count;

    public Task PutAsync(string emailId, ReadOnlyMemory<byte> content, CancellationToken cancellationToken)
    {
        _contents.TryAdd(emailId, content.ToArray());
        return Task.CompletedTask;
    }

    public Task<ReadOnlyMemory<byte>?> GetAsync(string emailId, CancellationToken cancellationToken) =>
        Task.FromResult(_contents.TryGetValue(emailId, out var bytes) ? (ReadOnlyMemory<byte>?)bytes : null);

    public Task DeleteAsync(string emailId, CancellationToken cancellationToken)
    {
        _contents.TryRemove(emailId, out _);
        return Task.CompletedTask;
    }
}
