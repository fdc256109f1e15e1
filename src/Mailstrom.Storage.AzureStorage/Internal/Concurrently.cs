namespace Mailstrom.Storage.AzureStorage.Internal;

/// <summary>
/// Runs independent store calls (one per email or per message) a bounded number at a time. Unlike
/// <see cref="Parallel.ForEachAsync{TSource}(IEnumerable{TSource}, ParallelOptions, Func{TSource, CancellationToken, ValueTask})"/>,
/// a failure does not cancel the others: every call that started finishes (a half-done change is worse than a late
/// one), then the first failure is thrown.
/// </summary>
internal static class Concurrently
{
    /// <summary>Calls <paramref name="body"/> for each item, at most <paramref name="degree"/> at a time.</summary>
    /// <typeparam name="T">The item type.</typeparam>
    /// <param name="items">The items.</param>
    /// <param name="degree">How many calls run at once.</param>
    /// <param name="body">The call.</param>
    /// <returns>A task that completes when every call has; it faults with the first failure.</returns>
    public static async Task ForEachAsync<T>(IEnumerable<T> items, int degree, Func<T, Task> body)
    {
        var list = items as IReadOnlyList<T> ?? items.ToList();
        if (list.Count == 1)
        {
            await body(list[0]);
            return;
        }

        using var gate = new SemaphoreSlim(degree, degree);
        await Task.WhenAll(list.Select(async item =>
        {
            await gate.WaitAsync();
            try
            {
                await body(item);
            }
            finally
            {
                gate.Release();
            }
        }));
    }
}
