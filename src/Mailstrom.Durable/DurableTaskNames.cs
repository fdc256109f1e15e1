namespace Mailstrom.Durable;

/// <summary>The names under which the Durable engine's orchestrators and activities are registered in every host.</summary>
public static class DurableTaskNames
{
    /// <summary>The orchestrator: one instance per email (and one per page of a large email).</summary>
    public const string SendEmail = "SendEmail";

    /// <summary>The activity: one SMTP transaction for some recipients of one email on one domain.</summary>
    public const string Deliver = "Deliver";

    /// <summary>The activity that posts webhook events a first time and starts retries for those not taken.</summary>
    public const string Notify = "Notify";

    /// <summary>The orchestrator that retries one email's webhook events at one endpoint on durable timers.</summary>
    public const string WebhookRetries = "WebhookRetries";

    /// <summary>The activity: one try of one webhook event at one endpoint.</summary>
    public const string PostWebhook = "PostWebhook";
}
