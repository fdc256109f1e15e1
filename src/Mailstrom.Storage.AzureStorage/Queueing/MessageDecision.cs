using System.Globalization;
using Mailstrom.Storage.AzureStorage.Entities;
using Mailstrom.Storage.AzureStorage.Internal;

namespace Mailstrom.Storage.AzureStorage.Queueing;

/// <summary>What a claim does with one received work message.</summary>
internal enum MessageAction
{
    /// <summary>The recipient is claimable: lease it.</summary>
    Take,

    /// <summary>The message has no work left (final, terminated, purged, duplicate): delete it.</summary>
    Delete,

    /// <summary>The recipient is not claimable yet: hide the message until it is.</summary>
    Hide,

    /// <summary>Leave the message for another claim at once (excluded domain, or over the claim's limit).</summary>
    Release,

    /// <summary>The recipient's work kept failing: fail the recipient and move the message to the poison queue.</summary>
    Poison,
}

/// <summary>The decision for one message.</summary>
/// <param name="Action">What to do.</param>
/// <param name="Delay">For <see cref="MessageAction.Hide"/>, how long to hide the message.</param>
/// <param name="Reason">For <see cref="MessageAction.Poison"/>, the internal reason recorded on the recipient.</param>
internal readonly record struct MessageDecision(MessageAction Action, TimeSpan Delay = default, string? Reason = null)
{
    /// <summary>How long a message for an email that does not exist (yet) is hidden before it is looked at again.</summary>
    public static readonly TimeSpan OrphanRecheckDelay = TimeSpan.FromSeconds(5);

    /// <summary>
    /// Decides from the table state (the truth) what to do with a work message. Due-ness and leases are judged with
    /// the claim's logical <paramref name="now"/>; hide delays are computed against the store's clock
    /// <paramref name="clockNow"/>.
    /// </summary>
    /// <param name="email">The email entity, or <see langword="null"/> when it does not exist.</param>
    /// <param name="recipient">The recipient entity, or <see langword="null"/> when it does not exist.</param>
    /// <param name="messageId">The received message's id.</param>
    /// <param name="messageAge">How long ago the queue accepted the message.</param>
    /// <param name="now">The claim time.</param>
    /// <param name="clockNow">The store clock's current time.</param>
    /// <param name="isExcluded">Whether the recipient's domain is excluded from this claim.</param>
    /// <param name="maxDequeueCount">How many unrecorded claims make a recipient poison.</param>
    /// <param name="orphanMaxAge">How old a message for a missing email may get before it is dropped.</param>
    /// <returns>The decision.</returns>
    public static MessageDecision Decide(
        EmailEntity? email,
        RecipientEntity? recipient,
        string messageId,
        TimeSpan messageAge,
        DateTimeOffset now,
        DateTimeOffset clockNow,
        Func<string, bool> isExcluded,
        int maxDequeueCount,
        TimeSpan orphanMaxAge)
    {
        if (email is null)
        {
            // Either a create in progress (its email entity is written last) or one that failed half-way, or a purge.
            return messageAge > orphanMaxAge
                ? new MessageDecision(MessageAction.Delete)
                : new MessageDecision(MessageAction.Hide, OrphanRecheckDelay);
        }

        if (recipient is null || email.Terminated || EmailState.IsFinal(recipient.Status))
        {
            return new MessageDecision(MessageAction.Delete);
        }

        if (recipient.QueueMessageId is { } current && !string.Equals(current, messageId, StringComparison.Ordinal))
        {
            return new MessageDecision(MessageAction.Delete);
        }

        var nowTicks = now.UtcTicks;
        var claimable = EmailState.ClaimableTicks(recipient);
        if (claimable > nowTicks)
        {
            return new MessageDecision(MessageAction.Hide, VisibilityDelay.Until(EmailState.FromTicks(claimable), clockNow));
        }

        if (isExcluded(recipient.Domain))
        {
            return new MessageDecision(MessageAction.Release);
        }

        if (recipient.UnrecordedClaims >= maxDequeueCount)
        {
            return new MessageDecision(MessageAction.Poison, Reason: string.Create(CultureInfo.InvariantCulture,
                $"Mailstrom internal error: the delivery was started {recipient.UnrecordedClaims} times without a recorded result; the work item was moved to the poison queue."));
        }

        return new MessageDecision(MessageAction.Take);
    }
}
