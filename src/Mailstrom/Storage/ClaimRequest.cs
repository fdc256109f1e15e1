namespace Mailstrom.Storage;

/// <summary>A request to claim due work.</summary>
/// <param name="Owner">Identifies the claiming worker (for diagnostics).</param>
/// <param name="Now">The claim time: recipients due at or before it are eligible.</param>
/// <param name="LeaseDuration">How long the claim holds before another worker may take the recipient.</param>
/// <param name="MaxItems">The most recipients to claim.</param>
public sealed record ClaimRequest(string Owner, DateTimeOffset Now, TimeSpan LeaseDuration, int MaxItems)
{
    /// <summary>
    /// Domains to skip (compared case-insensitively): the worker's slots for them are all busy, so their recipients
    /// stay claimable by others instead of waiting here.
    /// </summary>
    /// <value>Defaults to none.</value>
    public IReadOnlyCollection<string> ExcludedDomains { get; init; } = [];
}
