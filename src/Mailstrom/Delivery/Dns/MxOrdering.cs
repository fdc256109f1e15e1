namespace Mailstrom.Delivery.Dns;

/// <summary>Orders MX records as RFC 5321 §5.1 asks: by preference, equal preferences in random order.</summary>
public static class MxOrdering
{
    /// <summary>Sorts <paramref name="records"/> by ascending preference and shuffles each group of equal preference.</summary>
    /// <typeparam name="T">The record type.</typeparam>
    /// <param name="records">The records.</param>
    /// <param name="preference">Reads a record's preference.</param>
    /// <param name="pickIndex">Given <c>n</c>, returns an index in <c>[0, n)</c>: the randomness (for example
    /// <see cref="Random.Next(int)"/>), injected so the order is testable.</param>
    /// <returns>A new list in the order to try.</returns>
    /// <exception cref="ArgumentNullException">An argument is <see langword="null"/>.</exception>
    public static IReadOnlyList<T> Order<T>(IEnumerable<T> records, Func<T, int> preference, Func<int, int> pickIndex)
    {
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(preference);
        ArgumentNullException.ThrowIfNull(pickIndex);
        var result = new List<T>();
        foreach (var group in records.GroupBy(preference).OrderBy(g => g.Key))
        {
            // Fisher-Yates: take a random remaining record for each position.
            var remaining = group.ToList();
            while (remaining.Count > 0)
            {
                var index = Math.Clamp(pickIndex(remaining.Count), 0, remaining.Count - 1);
                result.Add(remaining[index]);
                remaining.RemoveAt(index);
            }
        }

        return result;
    }
}
