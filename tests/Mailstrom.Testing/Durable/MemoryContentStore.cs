using System.Collections.Concurrent;
using Mailstrom.Durable.Content;

namespace Mailstrom.Testing.Durable;

/// <summary>Message content in memory, for tests of the orchestration's logic (the blob store has its own tests on Azurite).</summary>
public sealed class MemoryContentStore : IMessageContentStore
{
    private readonly ConcurrentDictionary<string, Stored> _contents = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _locks = new(StringComparer.Ordinal);

    /// <summary>Messages stored (tombstones excluded).</summary>
    public int Count => _contents.Values.Count(c => c.PurgedUntil is null);

    public Task PutAsync(string emailId, ReadOnlyMemory<byte> content, string? fingerprint, CancellationToken cancellationToken)
    {
        _contents.TryAdd(emailId, new Stored(content.ToArray(), fingerprint, null));
        return Task.CompletedTask;
    }

    public Task<ReadOnlyMemory<byte>?> GetAsync(string emailId, CancellationToken cancellationToken) =>
        Task.FromResult(_contents.TryGetValue(emailId, out var stored) && stored.PurgedUntil is null ? (ReadOnlyMemory<byte>?)stored.Bytes : null);

    public Task DeleteAsync(string emailId, DateTimeOffset? tombstoneUntil, CancellationToken cancellationToken)
    {
        if (tombstoneUntil is { } until)
        {
            _contents.AddOrUpdate(emailId, _ => new Stored([], null, until), (_, stored) => stored with { Bytes = [], PurgedUntil = until });
        }
        else
        {
            _contents.TryRemove(emailId, out _);
        }

        return Task.CompletedTask;
    }

    public Task<StartLock?> TryLockAsync(string emailId, CancellationToken cancellationToken)
    {
        if (!_locks.TryAdd(emailId, 0))
        {
            return Task.FromResult<StartLock?>(null);
        }

        _contents.TryGetValue(emailId, out var stored);
        return Task.FromResult<StartLock?>(new StartLock(stored?.Fingerprint, stored?.PurgedUntil, () =>
        {
            _locks.TryRemove(emailId, out _);
            return ValueTask.CompletedTask;
        }));
    }

    private sealed record Stored(byte[] Bytes, string? Fingerprint, DateTimeOffset? PurgedUntil);
}
