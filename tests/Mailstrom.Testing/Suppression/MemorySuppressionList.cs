using System.Collections.Concurrent;
using Mailstrom.Storage;
using Mailstrom.Suppression;

namespace Mailstrom.Testing.Suppression;

/// <summary>The suppression list in memory, for tests of the Durable engine's logic (the blob list has its own tests on Azurite).</summary>
public sealed class MemorySuppressionList : ISuppressionList
{
    private const string Engine = "m1";

    private readonly ConcurrentDictionary<string, SuppressionEntry> _entries = new(StringComparer.Ordinal);

    /// <summary>How many lookups were made (one per checked batch).</summary>
    public int Lookups { get; private set; }

    public IReadOnlyCollection<SuppressionEntry> Entries => [.. _entries.Values];

    public Task<IReadOnlyDictionary<string, SuppressionEntry>> FindAsync(IReadOnlyCollection<string> addresses, CancellationToken cancellationToken)
    {
        Lookups++;
        IReadOnlyDictionary<string, SuppressionEntry> found = addresses
            .Where(_entries.ContainsKey)
            .Distinct(StringComparer.Ordinal)
            .ToDictionary(a => a, a => _entries[a], StringComparer.Ordinal);
        return Task.FromResult(found);
    }

    public Task AddAsync(IReadOnlyList<SuppressionEntry> entries, CancellationToken cancellationToken)
    {
        foreach (var entry in entries)
        {
            _entries[entry.Address] = entry;
        }

        return Task.CompletedTask;
    }

    public Task<bool> RemoveAsync(string address, CancellationToken cancellationToken) => Task.FromResult(_entries.TryRemove(address, out _));

    public Task<SuppressionPage> ListAsync(SuppressionQuery query, CancellationToken cancellationToken)
    {
        var after = query.ContinuationToken is { } token ? ContinuationTokens.Decode(Engine, token) : null;
        var ordered = _entries.Keys.Where(k => after is null || string.CompareOrdinal(k, after) > 0).Order(StringComparer.Ordinal).ToList();
        var page = ordered.Take(query.Limit).Select(k => _entries[k]).ToList();
        var next = ordered.Count > query.Limit ? ContinuationTokens.Encode(Engine, page[^1].Address) : null;
        return Task.FromResult(new SuppressionPage(page, next));
    }
}
