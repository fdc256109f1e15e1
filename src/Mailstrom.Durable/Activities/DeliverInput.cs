using Mailstrom.Delivery;

namespace Mailstrom.Durable.Activities;

/// <summary>The input of one <see cref="DurableTaskNames.Deliver"/> activity: one SMTP transaction's worth of recipients.</summary>
/// <param name="EmailId">The email id, which names its stored content.</param>
/// <param name="EnvelopeFrom">The SMTP envelope sender.</param>
/// <param name="Domain">The recipients' domain (their MX hosts are resolved by the activity, at the time of the attempt).</param>
/// <param name="Recipients">The recipients, all on <paramref name="Domain"/>.</param>
public sealed record DeliverInput(string EmailId, string EnvelopeFrom, string Domain, IReadOnlyList<BatchRecipient> Recipients);
