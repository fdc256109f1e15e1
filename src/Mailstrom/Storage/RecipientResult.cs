using Mailstrom.Model;
using Mailstrom.Suppression;

namespace Mailstrom.Storage;

/// <summary>The state a recipient moves to after an attempt.</summary>
/// <param name="EmailId">The email id.</param>
/// <param name="Ordinal">The recipient's position in the email.</param>
/// <param name="LeaseToken">The lease token the recipient was claimed with.</param>
/// <param name="State">The new state (its <see cref="RecipientStatus.Address"/> is not changed by the store).</param>
/// <param name="Now">When the result was produced (the email's last-updated time).</param>
public sealed record RecipientResult(string EmailId, int Ordinal, string LeaseToken, RecipientStatus State, DateTimeOffset Now)
{
    /// <summary>
    /// The suppression entry this result adds, recorded in the same commit as the result and only if the result is
    /// applied; <see langword="null"/> for none. A store that keeps no suppression list ignores it.
    /// </summary>
    public SuppressionEntry? Suppression { get; init; }
}
