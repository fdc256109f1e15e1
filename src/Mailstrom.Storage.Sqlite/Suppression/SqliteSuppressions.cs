using Mailstrom.Storage.Sqlite.Internal;
using Mailstrom.Suppression;

namespace Mailstrom.Storage.Sqlite.Suppression;

/// <summary>The suppression list's reads and writes on the store's file (<see cref="SuppressionTable"/> holds the SQL).</summary>
internal sealed class SqliteSuppressions(StoreTransactions transactions)
{
    /// <exception cref="ArgumentNullException"><paramref name="addresses"/> is <see langword="null"/>.</exception>
    public Task<IReadOnlyDictionary<string, SuppressionEntry>> FindAsync(IReadOnlyCollection<string> addresses, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        return addresses.Count == 0
            ? Task.FromResult<IReadOnlyDictionary<string, SuppressionEntry>>(new Dictionary<string, SuppressionEntry>())
            : transactions.ReadAsync((connection, transaction) => SuppressionTable.Find(connection, transaction, addresses), cancellationToken);
    }

    /// <exception cref="ArgumentNullException"><paramref name="entries"/> is <see langword="null"/>.</exception>
    public Task AddAsync(IReadOnlyList<SuppressionEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return entries.Count == 0
            ? Task.CompletedTask
            : transactions.WriteAsync(
                (connection, transaction, _) =>
                {
                    foreach (var entry in entries)
                    {
                        SuppressionTable.Upsert(connection, transaction, entry);
                    }

                    return true;
                },
                cancellationToken);
    }

    /// <exception cref="ArgumentNullException"><paramref name="address"/> is <see langword="null"/>.</exception>
    public Task<bool> RemoveAsync(string address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        return transactions.WriteAsync((connection, transaction, _) => SuppressionTable.Remove(connection, transaction, address), cancellationToken);
    }

    /// <exception cref="ArgumentNullException"><paramref name="query"/> is <see langword="null"/>.</exception>
    public Task<SuppressionPage> ListAsync(SuppressionQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return transactions.ReadAsync((connection, transaction) => SuppressionTable.List(connection, transaction, query), cancellationToken);
    }
}
