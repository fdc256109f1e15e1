using Mailstrom.Contracts;
using Mailstrom.Delivery;
using Mailstrom.Model;

namespace Mailstrom.Suppression;

/// <summary>
/// The pure decisions of the suppression list, shared by both engines: which final outcome puts an address on the list,
/// and what a later recipient at a listed address is told instead of an attempt.
/// </summary>
public static class SuppressionRule
{
    /// <summary>
    /// Whether <paramref name="outcome"/> suppresses its address: a permanent failure whose enhanced status code is one of
    /// <see cref="SuppressionOptions.StatusCodes"/>, or Mailstrom's own verdict that the domain does not exist
    /// (<see cref="AttemptCause.DomainNotFound"/>) or accepts no mail (<see cref="AttemptCause.NullMx"/>). A refusal because
    /// of the list itself never suppresses again (its entry stays as it was), nor does a reply to the whole transaction
    /// (<see cref="AttemptCause.TransactionReply"/>: about the sender or the message, not the mailbox), and nothing does
    /// while the list is disabled.
    /// </summary>
    /// <param name="outcome">A recipient's outcome.</param>
    /// <param name="options">The settings.</param>
    /// <returns>Whether to record the address.</returns>
    public static bool Suppresses(AttemptOutcome outcome, SuppressionOptions options)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled || outcome.Kind != AttemptOutcomeKind.Permanent)
        {
            return false;
        }

        return outcome.Cause switch
        {
            AttemptCause.DomainNotFound or AttemptCause.NullMx => true,
            AttemptCause.Suppressed or AttemptCause.TransactionReply => false,
            _ => outcome.EnhancedStatusCode is { } code && options.EffectiveStatusCodes().Contains(code, StringComparer.Ordinal),
        };
    }

    /// <summary>The entry to record for <paramref name="address"/>, when <paramref name="outcome"/> suppresses it.</summary>
    /// <param name="emailId">The email whose delivery produced the outcome.</param>
    /// <param name="address">The recipient's address, as accepted.</param>
    /// <param name="outcome">The recipient's outcome.</param>
    /// <param name="now">When the attempt ended.</param>
    /// <param name="options">The settings.</param>
    /// <returns>The entry, or <see langword="null"/> when the address is not suppressed (or is malformed).</returns>
    public static SuppressionEntry? EntryFor(string emailId, string address, AttemptOutcome outcome, DateTimeOffset now, SuppressionOptions options)
    {
        ArgumentNullException.ThrowIfNull(emailId);
        if (!Suppresses(outcome, options) || !SuppressionAddress.TryNormalize(address, out var key))
        {
            return null;
        }

        return new SuppressionEntry(key, outcome.SmtpCode, outcome.EnhancedStatusCode, Bounded(outcome.Response), now, emailId);
    }

    /// <summary>
    /// The outcome of a recipient whose address is on the list: permanent, no attempt made
    /// (<see cref="AttemptCause.Suppressed"/>), with the original failure's enhanced code and a reason naming the list and the
    /// failure that put the address there (reply, time, email id).
    /// </summary>
    /// <param name="entry">The address's entry.</param>
    /// <returns>The outcome.</returns>
    public static AttemptOutcome Refusal(SuppressionEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var code = entry.EnhancedStatusCode ?? "5.1.1";
        var reply = string.Join(' ', new[]
        {
            entry.SmtpCode?.ToString(System.Globalization.CultureInfo.InvariantCulture),
            entry.Response is { } text && text.StartsWith(code, StringComparison.Ordinal) ? null : entry.EnhancedStatusCode,
            entry.Response,
        }.Where(part => !string.IsNullOrEmpty(part)));
        var reason = $"{code} Not attempted: {entry.Address} is on the suppression list since {DurableTime.Format(entry.SuppressedTime)} " +
            $"(email {entry.EmailId}: {reply})";
        return AttemptOutcome.Local(AttemptOutcomeKind.Permanent, Bounded(reason)!) with { Cause = AttemptCause.Suppressed };
    }

    private static string? Bounded(string? text) =>
        text is { Length: > RecipientStatus.MaxResponseLength }
            ? string.Concat(text.AsSpan(0, RecipientStatus.MaxResponseLength - 1), "…")
            : text;
}
