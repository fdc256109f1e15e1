using Mailstrom.Delivery;
using Mailstrom.Retry;

namespace Mailstrom.Durable.Activities;

/// <summary>The input of one <see cref="DurableTaskNames.Deliver"/> activity: one SMTP transaction's worth of recipients.</summary>
/// <param name="EmailId">The email id, which names its stored content.</param>
/// <param name="EnvelopeFrom">The SMTP envelope sender.</param>
/// <param name="Domain">The recipients' domain (their MX hosts are resolved by the activity, at the time of the attempt).</param>
/// <param name="Recipients">The recipients, all on <paramref name="Domain"/>.</param>
/// <param name="AcceptedTime">When the email was accepted. With <paramref name="PriorAttempts"/> and <paramref name="Retry"/> it
/// lets the activity count each recipient's new state for the metrics; absent in inputs scheduled by earlier versions.</param>
/// <param name="PriorAttempts">Each recipient's attempts before this one, in the order of <paramref name="Recipients"/>.</param>
/// <param name="Retry">The email's retry policy.</param>
public sealed record DeliverInput(
    string EmailId,
    string EnvelopeFrom,
    string Domain,
    IReadOnlyList<BatchRecipient> Recipients,
    DateTimeOffset? AcceptedTime = null,
    IReadOnlyList<int>? PriorAttempts = null,
    RetryOptions? Retry = null);
