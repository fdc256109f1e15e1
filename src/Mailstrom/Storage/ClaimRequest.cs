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

    /// <summary>
    /// Completes the groups a claim touches, so that recipients who can share one SMTP transaction are not split
    /// across claims: having chosen a recipient, the store also claims the same email's other claimable recipients on
    /// the same domain, up to this many per (email, domain) in all — beyond <see cref="MaxItems"/> if need be.
    /// <see cref="MaxItems"/> then bounds the recipients chosen in due order, each of which may bring its group.
    /// A store may ignore it and claim at most <see cref="MaxItems"/> (the Azure Storage store does: each recipient
    /// has its own work message there, which a claim must receive to lease it).
    /// </summary>
    /// <value>Defaults to 1: single recipients, no completion.</value>
    public int GroupLimit { get; init; } = 1;
}
