namespace Mailstrom.Durable;

/// <summary>The names under which the Durable engine's orchestrator and activity are registered in every host.</summary>
public static class DurableTaskNames
{
    /// <summary>The orchestrator: one instance per email (and one per page of a large email).</summary>
    public const string SendEmail = "SendEmail";

    /// <summary>The activity: one SMTP transaction for some recipients of one email on one domain.</summary>
    public const string Deliver = "Deliver";
}
