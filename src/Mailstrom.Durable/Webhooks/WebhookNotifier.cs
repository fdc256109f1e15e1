using System.Security.Cryptography;
using System.Text;
using Mailstrom.Model;
using Mailstrom.Webhooks;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace Mailstrom.Durable.Webhooks;

/// <summary>
/// The Durable engine's webhook work outside orchestrators. <see cref="NotifyAsync"/> is the
/// <see cref="DurableTaskNames.Notify"/> activity: each event is tried once at every endpoint that wants it now, and
/// what an endpoint did not take goes to one <see cref="DurableTaskNames.WebhookRetries"/> instance per endpoint.
/// <see cref="ScheduleAsync"/> hands events straight to such instances (the events of a termination, which no
/// orchestration lives on to tell). Instance ids are derived from the email, the endpoint and the event ids, so a repeated
/// activity or terminate call starts nothing twice.
/// </summary>
public sealed class WebhookNotifier
{
    /// <summary>What follows the email id in the id of its retry instances.</summary>
    private const string RetryPrefix = ":wh";

    private readonly WebhookEndpoints _endpoints;
    private readonly WebhookDelivery _delivery;
    private readonly WebhookOptions _options;

    /// <summary>Creates the notifier.</summary>
    /// <param name="endpoints">The configured endpoints.</param>
    /// <param name="delivery">One try's logic.</param>
    /// <param name="options">The webhook settings (concurrency).</param>
    public WebhookNotifier(WebhookEndpoints endpoints, WebhookDelivery delivery, IOptions<WebhookOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        _endpoints = endpoints;
        _delivery = delivery;
        _options = options.Value;
    }

    /// <summary>The event types some endpoint wants now, as an email's input carries them; <see langword="null"/> for none.</summary>
    public IReadOnlyList<string>? SubscribedTypes => _endpoints.SubscribedTypes.Count > 0 ? _endpoints.SubscribedTypes : null;

    /// <summary>Tries each event once at each endpoint that wants it; schedules the retries.</summary>
    /// <param name="client">The task hub's client.</param>
    /// <param name="input">The events.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>How many (event, endpoint) pairs wait for a retry.</returns>
    public async Task<int> NotifyAsync(DurableTaskClient client, NotifyInput input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(input);
        var tries = input.Events.SelectMany(e => _endpoints.For(e.Type).Select(endpoint => (Endpoint: endpoint.Name, Event: e))).ToList();
        using var gate = new SemaphoreSlim(_options.MaxConcurrency);
        var decisions = await Task.WhenAll(tries.Select(async t =>
        {
            await gate.WaitAsync(cancellationToken);
            try
            {
                return await _delivery.AttemptAsync(t.Endpoint, t.Event, 1, cancellationToken);
            }
            finally
            {
                gate.Release();
            }
        }));

        var retries = tries.Zip(decisions)
            .Where(x => x.Second.Kind == WebhookDecisionKind.Retry)
            .GroupBy(x => x.First.Endpoint, StringComparer.OrdinalIgnoreCase);
        var waiting = 0;
        foreach (var group in retries)
        {
            var pending = group.Select(x => new PendingWebhook(x.First.Event, 1, x.Second.NextAttemptTime!.Value)).ToList();
            await StartRetriesAsync(client, group.Key, pending, cancellationToken);
            waiting += pending.Count;
        }

        return waiting;
    }

    /// <summary>Hands <paramref name="events"/> to retry instances, one per endpoint that wants any of them, due at once.</summary>
    /// <param name="client">The task hub's client.</param>
    /// <param name="events">The events, all of one email.</param>
    /// <param name="now">The current time: their first try.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>A task that completes when the instances are scheduled.</returns>
    public async Task ScheduleAsync(DurableTaskClient client, IReadOnlyList<WebhookEvent> events, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(events);
        foreach (var endpoint in _endpoints.All)
        {
            var pending = events.Where(e => endpoint.Wants(e.Type)).Select(e => new PendingWebhook(e, 0, now)).ToList();
            if (pending.Count > 0)
            {
                await StartRetriesAsync(client, endpoint.Name, pending, cancellationToken);
            }
        }
    }

    /// <summary>
    /// Hands the events of a terminated email to retry instances: one per recipient that was not final (cancelled now)
    /// and one for the email.
    /// </summary>
    /// <param name="client">The task hub's client.</param>
    /// <param name="status">The email's status read after the termination.</param>
    /// <param name="at">When the termination was recorded (the same on a repeated call, so the events are too).</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>A task that completes when the instances are scheduled.</returns>
    public Task PublishTerminationAsync(DurableTaskClient client, EmailStatus status, DateTimeOffset at, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(status);
        var recipients = status.Recipients
            .Select(r => r.IsFinal ? r : r with { Status = DeliveryStatus.Cancelled, NextAttemptTime = null })
            .ToList();
        var events = recipients
            .Select((r, ordinal) => r.Status == DeliveryStatus.Cancelled ? WebhookEvents.ForRecipient(status.Id, ordinal, r, at) : null)
            .OfType<WebhookEvent>()
            .Append(WebhookEvents.ForEmail(status.Id, terminated: true, recipients, status.TerminationReason, at))
            .ToList();
        return ScheduleAsync(client, events, at, cancellationToken);
    }

    /// <summary>
    /// The instance id of the retries of <paramref name="eventIds"/> at <paramref name="endpoint"/>: the email id, a colon
    /// (so the list of emails skips it) and a hash of the rest.
    /// </summary>
    /// <param name="emailId">The email id.</param>
    /// <param name="endpoint">The endpoint's name.</param>
    /// <param name="eventIds">The event ids.</param>
    /// <returns>The instance id.</returns>
    public static string InstanceId(string emailId, string endpoint, IEnumerable<string> eventIds)
    {
        ArgumentNullException.ThrowIfNull(endpoint);
        var hash = SHA256.HashData(Encoding.UTF8.GetBytes(endpoint.ToUpperInvariant() + "\n" + string.Join('\n', eventIds)));
        return $"{emailId}{RetryPrefix}{Convert.ToHexStringLower(hash, 0, 8)}";
    }

    /// <summary>
    /// Purges the email's retry instances that have finished (delivered or dead); those still retrying are left to finish,
    /// as the events they carry tell of changes that happened.
    /// </summary>
    /// <param name="client">The task hub's client.</param>
    /// <param name="emailId">The email id.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>A task that completes when they are purged.</returns>
    public static async Task PurgeFinishedRetriesAsync(DurableTaskClient client, string emailId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        var finished = new List<string>();
        var query = new OrchestrationQuery { InstanceIdPrefix = emailId + RetryPrefix, PageSize = 1000 };
        await foreach (var instance in client.GetAllInstancesAsync(query).WithCancellation(cancellationToken))
        {
            if (instance.IsCompleted && string.Equals(instance.Name, DurableTaskNames.WebhookRetries, StringComparison.Ordinal))
            {
                finished.Add(instance.InstanceId);
            }
        }

        foreach (var id in finished)
        {
            await client.PurgeInstanceAsync(id, cancellation: cancellationToken);
        }
    }

    private static async Task StartRetriesAsync(DurableTaskClient client, string endpoint, List<PendingWebhook> pending, CancellationToken cancellationToken)
    {
        var id = InstanceId(pending[0].Event.Data.EmailId, endpoint, pending.Select(p => p.Event.Id));
        if (await client.GetInstanceAsync(id, getInputsAndOutputs: false, cancellationToken) is not null)
        {
            return;
        }

        try
        {
            await client.ScheduleNewOrchestrationInstanceAsync(
                DurableTaskNames.WebhookRetries,
                new WebhookRetriesInput(endpoint, pending),
                new StartOrchestrationOptions(id).WithDedupeStatuses([.. StartOrchestrationOptionsExtensions.ValidDedupeStatuses]),
                cancellationToken);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            if (await client.GetInstanceAsync(id, getInputsAndOutputs: false, cancellationToken) is null)
            {
                throw;
            }

            // A concurrent run of the same work scheduled it first.
        }
    }
}
