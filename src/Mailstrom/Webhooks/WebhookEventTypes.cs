namespace Mailstrom.Webhooks;

/// <summary>The webhook event types (the payload's <c>type</c>).</summary>
public static class WebhookEventTypes
{
    /// <summary>A recipient was delivered: the receiving server accepted the message.</summary>
    public const string RecipientDelivered = "recipient.delivered";

    /// <summary>An attempt failed temporarily; the recipient is retried at <c>nextAttemptTime</c>.</summary>
    public const string RecipientDeferred = "recipient.deferred";

    /// <summary>A recipient failed for good: a permanent refusal, or the retry schedule gave up.</summary>
    public const string RecipientFailed = "recipient.failed";

    /// <summary>A recipient not yet final was cancelled because its email was terminated.</summary>
    public const string RecipientCancelled = "recipient.cancelled";

    /// <summary>Every recipient of an email is final (delivered or failed).</summary>
    public const string EmailCompleted = "email.completed";

    /// <summary>An email was terminated by its sender; its recipients not yet final were cancelled.</summary>
    public const string EmailTerminated = "email.terminated";

    /// <summary>Every event type, in the order above.</summary>
    public static IReadOnlyList<string> All { get; } =
    [
        RecipientDelivered, RecipientDeferred, RecipientFailed, RecipientCancelled, EmailCompleted, EmailTerminated,
    ];

    /// <summary>Whether <paramref name="type"/> is one of <see cref="All"/>.</summary>
    /// <param name="type">A candidate event type.</param>
    /// <returns><see langword="true"/> for a known type (compared exactly).</returns>
    public static bool IsKnown(string? type) => type is not null && All.Contains(type, StringComparer.Ordinal);
}
