using Mailstrom.Model;
using Mailstrom.Orchestration;
using Mailstrom.Storage.AzureStorage.Entities;

namespace Mailstrom.Storage.AzureStorage.Internal;

/// <summary>
/// Pure rules over one email's entities: recomputes the email's derived fields from its recipients (with
/// <see cref="RuntimeStatusRules.Derive"/>) and maps the entities to the model.
/// </summary>
internal static class EmailState
{
    /// <summary>Whether a stored recipient status is final (an unknown value counts as not final).</summary>
    /// <param name="status">The stored status.</param>
    /// <returns><see langword="true"/> for Delivered, Failed and Cancelled.</returns>
    public static bool IsFinal(string status) =>
        status is nameof(DeliveryStatus.Delivered) or nameof(DeliveryStatus.Failed) or nameof(DeliveryStatus.Cancelled);

    /// <summary>Whether a stored runtime status is terminal.</summary>
    /// <param name="email">The email.</param>
    /// <returns><see langword="true"/> for Completed, Failed and Terminated.</returns>
    public static bool IsTerminal(EmailEntity email) =>
        email.Terminated || email.RuntimeStatus is nameof(RuntimeStatus.Completed) or nameof(RuntimeStatus.Failed);

    /// <summary>The time a pending recipient becomes claimable: its due time, or its lease expiry when later.</summary>
    /// <param name="recipient">A pending recipient.</param>
    /// <returns>UTC ticks.</returns>
    public static long ClaimableTicks(RecipientEntity recipient)
    {
        var due = recipient.NextAttemptTicks ?? 0;
        return recipient.LeaseExpiresTicks is { } lease && lease > due ? lease : due;
    }

    /// <summary>
    /// Sets <see cref="EmailEntity.FinalCount"/>, <see cref="EmailEntity.NextDueTicks"/> and
    /// <see cref="EmailEntity.RuntimeStatus"/> from the full list of recipients.
    /// </summary>
    /// <param name="email">The email to update.</param>
    /// <param name="recipients">All its recipients, as they will be after the change.</param>
    public static void Recompute(EmailEntity email, IReadOnlyCollection<RecipientEntity> recipients)
    {
        var final = 0;
        long? next = null;
        foreach (var recipient in recipients)
        {
            if (IsFinal(recipient.Status))
            {
                final++;
                continue;
            }

            var claimable = ClaimableTicks(recipient);
            next = next is { } n && n <= claimable ? n : claimable;
        }

        email.FinalCount = email.Terminated ? email.RecipientCount : final;
        email.NextDueTicks = email.Terminated ? null : next;
        email.RuntimeStatus = RuntimeStatusRules.Derive(email.Terminated, email.Started, email.RecipientCount, email.FinalCount).ToString();
    }

    /// <summary>Maps an email and its recipients to the model.</summary>
    /// <param name="email">The email entity.</param>
    /// <param name="recipients">Its recipients, in any order.</param>
    /// <returns>The status.</returns>
    public static EmailStatus ToStatus(EmailEntity email, IEnumerable<RecipientEntity> recipients) =>
        new(
            Id: email.PartitionKey,
            RuntimeStatus: Enum.Parse<RuntimeStatus>(email.RuntimeStatus, ignoreCase: false),
            Input: new EmailSummary(email.MessageId, email.FromAddress, email.Subject, email.RecipientCount),
            Recipients: recipients.OrderBy(r => r.Ordinal).Select(r => ToStatus(email, r)).ToList(),
            CreatedTime: FromTicks(email.CreatedTicks),
            LastUpdatedTime: FromTicks(email.LastUpdatedTicks),
            TerminationReason: email.TerminationReason);

    /// <summary>A stored time, in UTC.</summary>
    /// <param name="ticks">UTC ticks.</param>
    /// <returns>The time with a zero offset.</returns>
    public static DateTimeOffset FromTicks(long ticks) => new(ticks, TimeSpan.Zero);

    /// <summary>An optional stored time, in UTC.</summary>
    /// <param name="ticks">UTC ticks, or <see langword="null"/>.</param>
    /// <returns>The time, or <see langword="null"/>.</returns>
    public static DateTimeOffset? FromTicks(long? ticks) => ticks is { } t ? FromTicks(t) : null;

    private static RecipientStatus ToStatus(EmailEntity email, RecipientEntity r)
    {
        // A terminate that stopped half-way leaves some recipients pending: the terminated email makes them Cancelled.
        var cancelled = email.Terminated && !IsFinal(r.Status);
        return new RecipientStatus(
            Address: r.Address,
            Status: cancelled ? DeliveryStatus.Cancelled : Enum.Parse<DeliveryStatus>(r.Status, ignoreCase: false),
            Attempts: r.Attempts,
            LastAttemptTime: FromTicks(r.LastAttemptTicks),
            NextAttemptTime: cancelled ? null : FromTicks(r.NextAttemptTicks),
            MxHost: r.MxHost,
            SmtpCode: r.SmtpCode,
            EnhancedStatusCode: r.EnhancedStatusCode,
            Response: r.Response,
            Tls: r.Tls);
    }
}
