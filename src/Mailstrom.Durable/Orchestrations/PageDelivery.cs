using Mailstrom.Contracts;
using Mailstrom.Delivery;
using Mailstrom.Durable.Activities;
using Mailstrom.Model;
using Mailstrom.Orchestration;
using Microsoft.DurableTask;

namespace Mailstrom.Durable.Orchestrations;

/// <summary>
/// One instance's recipients, delivered inside the orchestrator: one branch per domain, each looping attempt → retry
/// rule → durable timer until every recipient of the domain is final. Due recipients of a domain share one
/// <see cref="DurableTaskNames.Deliver"/> activity (one SMTP transaction) per
/// <see cref="SendEmailInput.MaxRecipientsPerTransaction"/>; results stay per recipient. The custom status is
/// published after every change.
/// </summary>
internal sealed class PageDelivery
{
    private readonly TaskOrchestrationContext _context;
    private readonly SendEmailInput _input;
    private readonly RecipientStatus[] _states;

    public PageDelivery(TaskOrchestrationContext context, SendEmailInput input)
    {
        _context = context;
        _input = input;
        _states = [.. input.Recipients.Select(r => new RecipientStatus(r.Address, DeliveryStatus.Queued))];
    }

    private DateTimeOffset Now => new(DateTime.SpecifyKind(_context.CurrentUtcDateTime, DateTimeKind.Utc));

    public async Task<EmailProgress> RunAsync()
    {
        _context.SetCustomStatus(Progress());
        var domains = Enumerable.Range(0, _states.Length)
            .GroupBy(i => _input.Recipients[i].Domain, StringComparer.OrdinalIgnoreCase)
            .Select(group => RunDomainAsync(group.Key, [.. group]))
            .ToList();
        await Task.WhenAll(domains);
        return Progress();
    }

    private async Task RunDomainAsync(string domain, int[] members)
    {
        while (true)
        {
            var now = Now;
            var due = members.Where(i => !_states[i].IsFinal && (_states[i].NextAttemptTime is not { } next || next <= now)).ToArray();
            if (due.Length > 0)
            {
                await Task.WhenAll(due.Chunk(Math.Max(1, _input.MaxRecipientsPerTransaction)).Select(chunk => AttemptAsync(domain, chunk)));
                _context.SetCustomStatus(Progress());
                continue;
            }

            var waiting = members.Where(i => !_states[i].IsFinal).ToArray();
            if (waiting.Length == 0)
            {
                return;
            }

            var wake = waiting.Min(i => _states[i].NextAttemptTime!.Value);
            await _context.CreateTimer(wake.UtcDateTime, CancellationToken.None);
        }
    }

    private async Task AttemptAsync(string domain, int[] chunk)
    {
        var input = new DeliverInput(
            _input.EmailId,
            _input.EnvelopeFrom,
            domain,
            [.. chunk.Select(i => new BatchRecipient(_input.Recipients[i].Address, _input.Recipients[i].RequiresSmtpUtf8))],
            _input.CreatedTime,
            [.. chunk.Select(i => _states[i].Attempts)],
            _input.Retry);
        AttemptOutcome[] outcomes;
        try
        {
            outcomes = await _context.CallActivityAsync<AttemptOutcome[]>(DurableTaskNames.Deliver, input);
        }
        catch (TaskFailedException ex)
        {
            // An internal fault (the content store unreachable, say) is a temporary failure: the retry rule applies.
            var fault = AttemptOutcome.Local(AttemptOutcomeKind.Transient,
                $"4.3.0 The delivery activity failed ({ex.FailureDetails?.ErrorType ?? "unknown error"}); the attempt will be repeated");
            outcomes = [.. chunk.Select(_ => fault)];
        }

        if (outcomes.Length != chunk.Length)
        {
            var mismatch = AttemptOutcome.Local(AttemptOutcomeKind.Transient,
                "4.3.0 The delivery activity returned no outcome for some recipients; the attempt will be repeated");
            outcomes = [.. chunk.Select(_ => mismatch)];
        }

        var now = Now;
        for (var k = 0; k < chunk.Length; k++)
        {
            var i = chunk[k];
            var jitter = AttemptJitter.Sample(_input.EmailId, domain, _states[i].Attempts + 1);
            _states[i] = RecipientTransitions.Apply(_states[i], outcomes[k], _input.CreatedTime, now, _input.Retry, jitter);
        }
    }

    private EmailProgress Progress()
    {
        int queued = 0, deferred = 0, delivered = 0, failed = 0;
        DateTimeOffset? next = null;
        foreach (var state in _states)
        {
            switch (state.Status)
            {
                case DeliveryStatus.Queued: queued++; break;
                case DeliveryStatus.Deferred: deferred++; break;
                case DeliveryStatus.Delivered: delivered++; break;
                case DeliveryStatus.Failed: failed++; break;
                default: break;
            }

            if (state.Status == DeliveryStatus.Deferred && state.NextAttemptTime is { } time && (next is null || time < next))
            {
                next = time;
            }
        }

        return ProgressBudget.Fit(
            new EmailProgress(queued, deferred, delivered, failed, DurableTime.Format(next), [.. _states.Select(RecipientStatusResponse.From)]));
    }
}
