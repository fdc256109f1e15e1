namespace Mailstrom.Suppression;

/// <summary>
/// The suppression operations of <see cref="IMailstrom"/>, for every engine: the address is normalized here, once, and an
/// engine without a list shows an empty one.
/// </summary>
public static class SuppressionCommands
{
    /// <summary>Lists one page.</summary>
    /// <param name="list">The engine's list, or <see langword="null"/> when it keeps none.</param>
    /// <param name="query">Page size and continuation token.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The page.</returns>
    /// <exception cref="Model.InvalidContinuationTokenException">The continuation token was not issued by this list.</exception>
    public static Task<SuppressionPage> ListAsync(ISuppressionList? list, SuppressionQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        return list is null
            ? Task.FromResult(new SuppressionPage([], null))
            : list.ListAsync(query, cancellationToken);
    }

    /// <summary>Removes an address.</summary>
    /// <param name="list">The engine's list, or <see langword="null"/> when it keeps none.</param>
    /// <param name="address">The address as the caller wrote it.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>Whether it was on the list.</returns>
    /// <exception cref="ArgumentException"><paramref name="address"/> is malformed.</exception>
    public static Task<bool> RemoveAsync(ISuppressionList? list, string address, CancellationToken cancellationToken)
    {
        var key = SuppressionAddress.Normalize(address);
        return list is null ? Task.FromResult(false) : list.RemoveAsync(key, cancellationToken);
    }
}
