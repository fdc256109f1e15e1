using Mailstrom.Model;

namespace Mailstrom.Suppression;

/// <summary>
/// Where suppressed addresses are kept: the SQLite store for the native engine, a blob container for the Durable engine.
/// Every address passed in is already normalized (<see cref="SuppressionAddress.Normalize"/>); each implementation passes
/// the same conformance suite.
/// </summary>
public interface ISuppressionList
{
    /// <summary>Looks up several addresses at once (one delivery batch).</summary>
    /// <param name="addresses">Normalized addresses.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The entries of the addresses that are suppressed, keyed by address.</returns>
    Task<IReadOnlyDictionary<string, SuppressionEntry>> FindAsync(IReadOnlyCollection<string> addresses, CancellationToken cancellationToken);

    /// <summary>Adds entries; an address already on the list takes the newer entry.</summary>
    /// <param name="entries">The entries.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes once the entries are durable.</returns>
    Task AddAsync(IReadOnlyList<SuppressionEntry> entries, CancellationToken cancellationToken);

    /// <summary>Removes an address from the list.</summary>
    /// <param name="address">A normalized address.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>Whether the address was on the list.</returns>
    Task<bool> RemoveAsync(string address, CancellationToken cancellationToken);

    /// <summary>Lists the entries one page at a time, ordered by the store's key of addresses.</summary>
    /// <param name="query">Page size and continuation token.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>One page.</returns>
    /// <exception cref="InvalidContinuationTokenException">The continuation token was not issued by this list, or was altered.</exception>
    Task<SuppressionPage> ListAsync(SuppressionQuery query, CancellationToken cancellationToken);
}
