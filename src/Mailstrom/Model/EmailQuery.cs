namespace Mailstrom.Model;

/// <summary>Filters and paging for listing emails.</summary>
public sealed record EmailQuery
{
    /// <summary>The largest page size a caller may ask for.</summary>
    public const int MaxTop = 1000;

    /// <summary>Only emails in one of these states; empty or <see langword="null"/> for all.</summary>
    public IReadOnlyCollection<RuntimeStatus>? RuntimeStatuses { get; init; }

    /// <summary>Only emails created at or after this time.</summary>
    public DateTimeOffset? CreatedTimeFrom { get; init; }

    /// <summary>Only emails created at or before this time.</summary>
    public DateTimeOffset? CreatedTimeTo { get; init; }

    /// <summary>Page size.</summary>
    /// <value>Defaults to 100; at most <see cref="MaxTop"/>.</value>
    public int Top { get; init; } = 100;

    /// <summary>The token returned with the previous page, or <see langword="null"/> for the first page.</summary>
    public string? ContinuationToken { get; init; }
}
