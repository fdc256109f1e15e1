using Mailstrom.Retry;
using Mailstrom.Webhooks.Sending;

namespace Mailstrom.Webhooks;

/// <summary>
/// The pure decision "what next for this event at this endpoint", shared by both engines: 2xx is delivered; any other
/// 4xx but 408 and 429 is dead at once; everything else (no answer, a timeout, 3xx, 408, 429, 5xx) is retried with
/// exponential backoff (<see cref="WebhookOptions.InitialRetryDelay"/> doubling up to <see cref="WebhookOptions.MaxRetryDelay"/>,
/// the arithmetic of <see cref="RetrySchedule"/>), or later when the receiver's <c>Retry-After</c> asks (bounded by
/// the maximum delay), until <see cref="WebhookOptions.RetryHorizon"/> after the event; the last try is at the horizon.
/// </summary>
public static class WebhookRetryRule
{
    /// <summary>Decides after a try.</summary>
    /// <param name="response">What the try got.</param>
    /// <param name="attempts">Tries so far, this one included.</param>
    /// <param name="eventTime">When the event happened (the horizon counts from here).</param>
    /// <param name="now">When the try ended.</param>
    /// <param name="options">The webhook settings.</param>
    /// <returns>The decision.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="response"/> or <paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="attempts"/> is below 1.</exception>
    public static WebhookDecision Decide(WebhookResponse response, int attempts, DateTimeOffset eventTime, DateTimeOffset now, WebhookOptions options)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(options);
        ArgumentOutOfRangeException.ThrowIfLessThan(attempts, 1);
        switch (response.StatusCode)
        {
            case >= 200 and < 300:
                return new WebhookDecision(WebhookDecisionKind.Delivered, null, response.Detail);
            case >= 400 and < 500 and not 408 and not 429:
                return new WebhookDecision(WebhookDecisionKind.Dead, null, $"{response.Detail}: refused by the receiver, not retried");
            default:
                break;
        }

        var deadline = eventTime + options.RetryHorizon;
        if (now >= deadline)
        {
            return new WebhookDecision(WebhookDecisionKind.Dead, null,
                $"{response.Detail}: given up after {attempts} tries (Mailstrom:Webhooks:RetryHorizon {options.RetryHorizon})");
        }

        var schedule = new RetryOptions
        {
            InitialDelay = options.InitialRetryDelay,
            MaxDelay = options.MaxRetryDelay,
            Multiplier = 2,
            JitterFactor = 0,
        };
        var delay = RetrySchedule.DelayAfter(attempts, schedule, jitterSample: 0.5);
        if (response.RetryAfter is { } asked && asked > delay)
        {
            delay = asked < options.MaxRetryDelay ? asked : options.MaxRetryDelay;
        }

        var next = now + delay;
        return new WebhookDecision(WebhookDecisionKind.Retry, next < deadline ? next : deadline, response.Detail);
    }
}
