namespace Mailstrom.Storage;

/// <summary>One claimed recipient, with what the worker needs to attempt delivery.</summary>
/// <param name="EmailId">The email id.</param>
/// <param name="Ordinal">The recipient's position in the email (0-based); with <paramref name="EmailId"/> its key.</param>
/// <param name="Address">The RCPT TO address.</param>
/// <param name="Domain">The recipient's domain (ASCII, lower case).</param>
/// <param name="RequiresSmtpUtf8">Whether delivery needs SMTPUTF8.</param>
/// <param name="EnvelopeFrom">The MAIL FROM address.</param>
/// <param name="Status">The recipient's state when claimed (Queued or Deferred).</param>
/// <param name="Attempts">Attempts made before this one.</param>
/// <param name="EmailCreatedTime">When the email was accepted (the retry schedule's give-up age counts from here).</param>
/// <param name="LeaseToken">The token the result must present to be recorded.</param>
/// <param name="LeaseExpiresAt">When the lease lapses.</param>
public sealed record DeliveryWorkItem(
    string EmailId,
    int Ordinal,
    string Address,
    string Domain,
    bool RequiresSmtpUtf8,
    string EnvelopeFrom,
    Model.DeliveryStatus Status,
    int Attempts,
    DateTimeOffset EmailCreatedTime,
    string LeaseToken,
    DateTimeOffset LeaseExpiresAt);
