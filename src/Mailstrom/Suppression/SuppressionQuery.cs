namespace Mailstrom.Suppression;

/// <summary>Paging for listing the suppression list.</summary>
public sealed record SuppressionQuery
{
    /// <summary>The largest page size a caller may ask for.</summary>
    public const int MaxLimit = 1000;

    /// <summary>The page size when none is given.</summary>
    public const int DefaultLimit = 100;

    /// <summary>Page size.</summary>
    /// <value>Defaults to <see cref="DefaultLimit"/>; clamped to 1..<see cref="MaxLimit"/>.</value>
    public int Limit { get; init; } = DefaultLimit;

    /// <summary>The token returned with the previous page, or <see langword="null"/> for the first page.</summary>
    public string? ContinuationToken { get; init; }
}

/// <summary>One page of the suppression list.</summary>
/// <param name="Items">The entries on this page, in the store's order of addresses.</param>
/// <param name="ContinuationToken">Pass this to get the next page; <see langword="null"/> on the last page.</param>
public sealed record SuppressionPage(IReadOnlyList<SuppressionEntry> Items, string? ContinuationToken);
