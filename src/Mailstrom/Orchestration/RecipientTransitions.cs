using Mailstrom.Delivery;
using Mailstrom.Model;
using Mailstrom.Retry;

namespace Mailstrom.Orchestration;

/// <summary>
/// The pure decision "what next for this recipient": a function of (state, outcome, policy, now). Delivered and
/// permanent failures are final; a temporary failure is Deferred to a stored next-attempt time, or Failed once the
/// retry schedule gives up. A refusal by the suppression list (<see cref="AttemptCause.Suppressed"/>) is Failed without
/// counting an attempt.
/// </summary>
public static class RecipientTransitions
{
    /// <summary>Applies one attempt's outcome to a recipient.</summary>
    /// <param name="current">The recipient's state before the attempt.</param>
    /// <param name="outcome">What the attempt meant for this recipient.</param>
    /// <param name="emailCreatedTime">When the email was accepted (the give-up age counts from here).</param>
    /// <param name="now">When the attempt finished.</param>
    /// <param name="options">The retry schedule.</param>
    /// <param name="jitterSample">A uniform sample in [0, 1) spreading the delay.</param>
    /// <returns>The new state. A state that is already final is returned unchanged.</returns>
    public static RecipientStatus Apply(
        RecipientStatus current,
        AttemptOutcome outcome,
        DateTimeOffset emailCreatedTime,
        DateTimeOffset now,
        RetryOptions options,
        double jitterSample)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(outcome);
        ArgumentNullException.ThrowIfNull(options);
        if (current.IsFinal)
        {
            return current;
        }

        if (outcome.Cause == AttemptCause.Suppressed)
        {
            // No attempt was made: the recipient fails with the list's reason, its attempt count untouched.
            return current with
            {
                Status = DeliveryStatus.Failed,
                NextAttemptTime = null,
                MxHost = null,
                SmtpCode = outcome.SmtpCode,
                EnhancedStatusCode = outcome.EnhancedStatusCode,
                Response = Bounded(outcome.Response),
                Tls = null,
            };
        }

        var attempts = current.Attempts + 1;
        var attempted = current with
        {
            Attempts = attempts,
            LastAttemptTime = now,
            NextAttemptTime = null,
            MxHost = outcome.MxHost,
            SmtpCode = outcome.SmtpCode,
            EnhancedStatusCode = outcome.EnhancedStatusCode,
            Response = Bounded(outcome.Response),
            Tls = outcome.Tls,
            MtaSts = Bounded(outcome.MtaSts),
        };

        switch (outcome.Kind)
        {
            case AttemptOutcomeKind.Delivered:
                return attempted with { Status = DeliveryStatus.Delivered };
            case AttemptOutcomeKind.Permanent:
                return attempted with { Status = DeliveryStatus.Failed };
            default:
                break;
        }

        if (options.MaxAttempts is { } maxAttempts && attempts >= maxAttempts)
        {
            return GiveUp(attempted, $"gave up after {attempts} attempts (Mailstrom:Retry:MaxAttempts)");
        }

        var deadline = emailCreatedTime + options.MaxAge;
        if (now >= deadline)
        {
            return GiveUp(attempted, $"gave up after {attempts} attempts over {Describe(now - emailCreatedTime)} (Mailstrom:Retry:MaxAge)");
        }

        var next = now + RetrySchedule.DelayAfter(attempts, options, jitterSample);
        return attempted with
        {
            Status = DeliveryStatus.Deferred,
            NextAttemptTime = next < deadline ? next : deadline,
        };
    }

    private static RecipientStatus GiveUp(RecipientStatus attempted, string reason) => attempted with
    {
        Status = DeliveryStatus.Failed,
        Response = string.IsNullOrEmpty(attempted.Response) ? $"Mailstrom {reason}" : $"{attempted.Response} (Mailstrom {reason})",
    };

    private static string Describe(TimeSpan age) => age.TotalHours >= 1
        ? $"{age.TotalHours:0.#} h"
        : $"{age.TotalSeconds:0.#} s";

    /// <summary>
    /// The reply as kept with the recipient: at most <see cref="RecipientStatus.MaxResponseLength"/> characters (RFC 5321
    /// allows 512 per reply line), cut with an ellipsis. A server cannot make a recipient's state grow without bound.
    /// </summary>
    private static string? Bounded(string? response) =>
        response is { Length: > RecipientStatus.MaxResponseLength }
            ? string.Concat(response.AsSpan(0, RecipientStatus.MaxResponseLength - 1), "…")
            : response;
}
