using System.Collections.Concurrent;
using Mailstrom.Durable.Content;

namespace Mailstrom.Testing.Durable;

/// <summary>Message content in memory, for tests of the orchestration's logic (the blob store has its own tests on Azurite).</summary>
public sealed class MemoryContentStore : IMessageContentStore
{
    private readonly ConcurrentDictionary<string, (byte[] Bytes, string? Fingerprint)> _contents = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _locks = new(StringComparer.Ordinal);

    public int Count => _contents.Count;

    public Task PutAsync(string emailId, ReadOnlyMemory<byte> content, string? fingerprint, CancellationToken cancellationToken)
    {
        _contents.TryAdd(emailId, (content.ToArray(), fingerprint));
        return Task.CompletedTask;
    }

    public Task<ReadOnlyMemory<byte>?> GetAsync(string emailId, CancellationToken cancellationToken) =>
        Task.FromResult(_contents.TryGetValue(emailId, out var stored) ? (ReadOnlyMemory<byte>?)stored.Bytes : null);

    public Task DeleteAsync(string emailId, CancellationToken cancellationToken)
    {
        _contents.TryRemove(emailId, out _);
        return Task.CompletedTask;
    }

    public Task<StartLock?> TryLockAsync(string emailId, CancellationToken cancellationToken) =>
        Task.FromResult(_locks.TryAdd(emailId, 0)
            ? new StartLock(_contents.TryGetValue(emailId, out var stored) ? stored.Fingerprint : null, () =>
            {
                _locks.TryRemove(emailId, out _);
                return ValueTask.CompletedTask;
            })
            : null);
}
