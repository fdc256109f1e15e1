using Mailstrom.Composition;
using Mailstrom.Model;
using Mailstrom.Retry;

namespace Mailstrom.Durable.Orchestrations;

/// <summary>
/// The input of one <see cref="DurableTaskNames.SendEmail"/> instance: a reference to the stored message (its bytes live
/// in the content store under <see cref="EmailId"/>, never in orchestration state) and the recipients it delivers.
/// </summary>
/// <param name="EmailId">The email's id, also the root instance's id and the content's name.</param>
/// <param name="Summary">What the status shows as the email's input.</param>
/// <param name="EnvelopeFrom">The SMTP envelope sender.</param>
/// <param name="CreatedTime">When the email was accepted: the retry horizon counts from here.</param>
/// <param name="Recipients">The recipients this instance delivers: all of the email's, or one page of them.</param>
/// <param name="Retry">The retry policy as configured when the email was accepted, so a replay never sees another.</param>
/// <param name="MaxRecipientsPerTransaction">The most recipients one SMTP transaction carries.</param>
/// <param name="RequestFingerprint">The fingerprint of the request that carried an idempotency key, or
/// <see langword="null"/>.</param>
/// <param name="FirstOrdinal">The position of <see cref="Recipients"/>' first entry among the email's recipients.</param>
/// <param name="IsPage">Whether this instance is one page of a larger email (a child of the root instance).</param>
/// <param name="WebhookEvents">The webhook event types some endpoint wanted when the email was accepted; <see langword="null"/>
/// for none (and in inputs of earlier versions), so a configuration change never rewrites a replay.</param>
public sealed record SendEmailInput(
    string EmailId,
    EmailSummary Summary,
    string EnvelopeFrom,
    DateTimeOffset CreatedTime,
    IReadOnlyList<EnvelopeRecipient> Recipients,
    RetryOptions Retry,
    int MaxRecipientsPerTransaction,
    string? RequestFingerprint = null,
    int FirstOrdinal = 0,
    bool IsPage = false,
    IReadOnlyList<string>? WebhookEvents = null);
