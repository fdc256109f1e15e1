using System.Globalization;
using Mailstrom.Contracts;
using Mailstrom.Model;

namespace Mailstrom.Webhooks;

/// <summary>
/// Which status change is which event, and its id: the one rule both engines apply where a change is decided (the native
/// store in the transaction that records it, the Durable orchestrator after the retry rule). The id is a function of
/// the change, so a replayed or repeated decision yields the same id: <c>evt_{email}_r{ordinal}_a{attempts}_{status}</c>
/// for a recipient, <c>evt_{email}_completed</c> or <c>evt_{email}_terminated</c> for the email.
/// </summary>
public static class WebhookEvents
{
    /// <summary>The event for a recipient's new state, if the state is one that has an event.</summary>
    /// <param name="emailId">The email id.</param>
    /// <param name="ordinal">The recipient's position in the email, from 0.</param>
    /// <param name="state">The recipient's new state.</param>
    /// <param name="at">When the change happened.</param>
    /// <returns>The event; <see langword="null"/> for Queued, which is no change worth telling.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="emailId"/> or <paramref name="state"/> is <see langword="null"/>.</exception>
    public static WebhookEvent? ForRecipient(string emailId, int ordinal, RecipientStatus state, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(emailId);
        ArgumentNullException.ThrowIfNull(state);
        if (TypeOf(state.Status) is not { } type)
        {
            return null;
        }

        var id = string.Create(CultureInfo.InvariantCulture, $"evt_{emailId}_r{ordinal}_a{state.Attempts}_{type["recipient.".Length..]}");
        var data = new WebhookEventData(
            emailId,
            Recipient: state.Address,
            Status: state.Status.ToString(),
            Attempts: state.Attempts,
            LastAttemptTime: DurableTime.Format(state.LastAttemptTime),
            NextAttemptTime: state.Status == DeliveryStatus.Deferred ? DurableTime.Format(state.NextAttemptTime) : null,
            MxHost: state.MxHost,
            SmtpCode: state.SmtpCode,
            EnhancedStatusCode: state.EnhancedStatusCode,
            Response: state.Response,
            Tls: state.Tls,
            MtaSts: state.MtaSts);
        return new WebhookEvent(id, type, at, data);
    }

    /// <summary>The event type of a recipient entering <paramref name="status"/>.</summary>
    /// <param name="status">The recipient's new status.</param>
    /// <returns>The type; <see langword="null"/> for Queued, which has no event.</returns>
    public static string? TypeOf(DeliveryStatus status) => status switch
    {
        DeliveryStatus.Delivered => WebhookEventTypes.RecipientDelivered,
        DeliveryStatus.Deferred => WebhookEventTypes.RecipientDeferred,
        DeliveryStatus.Failed => WebhookEventTypes.RecipientFailed,
        DeliveryStatus.Cancelled => WebhookEventTypes.RecipientCancelled,
        _ => null,
    };

    /// <summary>The event for an email's end: completed (every recipient final) or terminated.</summary>
    /// <param name="emailId">The email id.</param>
    /// <param name="terminated">Whether the sender terminated it.</param>
    /// <param name="delivered">Recipients delivered.</param>
    /// <param name="failed">Recipients failed.</param>
    /// <param name="cancelled">Recipients cancelled.</param>
    /// <param name="reason">The termination reason, if any.</param>
    /// <param name="at">When the email ended.</param>
    /// <returns>The event.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="emailId"/> is <see langword="null"/>.</exception>
    public static WebhookEvent ForEmail(string emailId, bool terminated, int delivered, int failed, int cancelled, string? reason, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(emailId);
        var type = terminated ? WebhookEventTypes.EmailTerminated : WebhookEventTypes.EmailCompleted;
        var status = terminated ? RuntimeStatus.Terminated : RuntimeStatus.Completed;
        var data = new WebhookEventData(
            emailId,
            RuntimeStatus: status.ToString(),
            Delivered: delivered,
            Failed: failed,
            Cancelled: cancelled,
            Reason: terminated ? reason : null);
        return new WebhookEvent($"evt_{emailId}_{type["email.".Length..]}", type, at, data);
    }

    /// <summary>The end event of an email whose final recipient states are <paramref name="recipients"/>.</summary>
    /// <param name="emailId">The email id.</param>
    /// <param name="terminated">Whether the sender terminated it.</param>
    /// <param name="recipients">Every recipient's final state.</param>
    /// <param name="reason">The termination reason, if any.</param>
    /// <param name="at">When the email ended.</param>
    /// <returns>The event.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="recipients"/> is <see langword="null"/>.</exception>
    public static WebhookEvent ForEmail(string emailId, bool terminated, IEnumerable<RecipientStatus> recipients, string? reason, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(recipients);
        int delivered = 0, failed = 0, cancelled = 0;
        foreach (var recipient in recipients)
        {
            switch (recipient.Status)
            {
                case DeliveryStatus.Delivered: delivered++; break;
                case DeliveryStatus.Failed: failed++; break;
                case DeliveryStatus.Cancelled: cancelled++; break;
                default: break;
            }
        }

        return ForEmail(emailId, terminated, delivered, failed, cancelled, reason, at);
    }
}
