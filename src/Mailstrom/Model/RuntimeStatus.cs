namespace Mailstrom.Model;

/// <summary>The orchestration state of one email, named as Durable Functions names instance states.</summary>
public enum RuntimeStatus
{
    /// <summary>Accepted and stored; no delivery attempt has started.</summary>
    Pending,

    /// <summary>Deliveries are under way.</summary>
    Running,

    /// <summary>Every recipient is final (Delivered, Failed or Cancelled).</summary>
    Completed,

    /// <summary>An internal fault stopped the instance.</summary>
    Failed,

    /// <summary>The caller terminated the email.</summary>
    Terminated,
}
