namespace Mailstrom.Suppression;

/// <summary>
/// The suppression list (<c>Mailstrom:Suppression</c>): an address whose mailbox or domain was found not to exist is
/// recorded, and later email to it fails at once without an attempt.
/// </summary>
public sealed class SuppressionOptions
{
    /// <summary>The configuration section.</summary>
    public const string SectionName = "Mailstrom:Suppression";

    /// <summary>The enhanced status codes suppressed when <see cref="StatusCodes"/> is not set.</summary>
    public static readonly IReadOnlyList<string> DefaultStatusCodes = ["5.1.1", "5.1.2", "5.1.10"];

    /// <summary>Whether addresses are recorded and refused.</summary>
    /// <value>Defaults to <see langword="true"/>. <see langword="false"/> records nothing and refuses nothing (the list
    /// can still be read and emptied).</value>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// The RFC 3463 enhanced status codes of a permanent failure that suppress its address, each <c>5.x.y</c>. Mailstrom's
    /// own permanent DNS failures (the domain does not exist, or publishes a null MX) suppress whatever this says.
    /// </summary>
    /// <value>Defaults to <see langword="null"/>: <see cref="DefaultStatusCodes"/> (<c>5.1.1</c> bad mailbox,
    /// <c>5.1.2</c> bad domain, <c>5.1.10</c> null MX). A configured list replaces the default.</value>
    public IList<string>? StatusCodes { get; set; }

    /// <summary>The codes in force: <see cref="StatusCodes"/>, or the default when it is not set.</summary>
    /// <returns>The codes.</returns>
    public IReadOnlyCollection<string> EffectiveStatusCodes() =>
        StatusCodes is { } codes ? [.. codes] : DefaultStatusCodes;
}
