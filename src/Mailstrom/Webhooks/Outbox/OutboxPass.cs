using Mailstrom.Storage;
using Microsoft.Extensions.Options;

namespace Mailstrom.Webhooks.Outbox;

/// <summary>
/// One pass of the native engine's webhook dispatcher: claim a bounded batch of due entries, try each once (at most
/// <see cref="WebhookOptions.MaxConcurrency"/> at a time) and record the decisions. A try that has begun finishes even when
/// shutdown begins (it is bounded by <see cref="WebhookOptions.Timeout"/>), so its result is recorded, not repeated.
/// </summary>
internal sealed class OutboxPass(IWebhookOutbox outbox, WebhookDelivery delivery, IOptions<WebhookOptions> options, TimeProvider timeProvider)
{
    private readonly WebhookOptions _options = options.Value;

    /// <summary>How long a claim holds: longer than any try, so only a dead process's claims lapse.</summary>
    public TimeSpan ClaimDuration => (_options.Timeout * 2) + TimeSpan.FromSeconds(5);

    /// <summary>Runs one pass.</summary>
    /// <param name="cancellationToken">Cancels the claim (not the tries once claimed).</param>
    /// <returns>How many entries were tried.</returns>
    public async Task<int> RunOnceAsync(CancellationToken cancellationToken)
    {
        var claimed = await outbox.ClaimDueAsync(timeProvider.GetUtcNow(), _options.MaxConcurrency, ClaimDuration, cancellationToken);
        if (claimed.Count == 0)
        {
            return 0;
        }

        var results = await Task.WhenAll(claimed.Select(async entry => new WebhookOutboxResult(
            entry,
            await delivery.AttemptAsync(entry.Endpoint, entry.EventId, entry.Payload, entry.EventTime, entry.Attempts + 1, CancellationToken.None))));
        await outbox.RecordAsync(results, CancellationToken.None);
        return claimed.Count;
    }
}
