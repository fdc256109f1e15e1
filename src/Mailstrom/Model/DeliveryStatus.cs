namespace Mailstrom.Model;

/// <summary>Where one recipient's delivery stands.</summary>
public enum DeliveryStatus
{
    /// <summary>Accepted, not attempted yet.</summary>
    Queued,

    /// <summary>The last attempt failed temporarily; another attempt is scheduled at <see cref="RecipientStatus.NextAttemptTime"/>.</summary>
    Deferred,

    /// <summary>A receiving server accepted the message for this recipient. Final.</summary>
    Delivered,

    /// <summary>Delivery failed permanently, or retries gave up. Final.</summary>
    Failed,

    /// <summary>The caller terminated the email before this recipient was final. Final.</summary>
    Cancelled,
}
