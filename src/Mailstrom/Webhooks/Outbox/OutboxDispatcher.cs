using Mailstrom.Delivery;
using Mailstrom.Hosting;
using Mailstrom.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Mailstrom.Webhooks.Outbox;

/// <summary>
/// The native engine's webhook dispatcher: runs <see cref="OutboxPass"/> while entries are due, then sleeps until the next
/// one is, until the poll interval passes (<c>Mailstrom:Delivery:PollInterval</c>) or until new status changes are
/// committed. It runs where the delivery worker runs (<c>Mailstrom:Delivery:EnableWorker</c>), when an endpoint is
/// configured and the store has an outbox; store failures back it off as they back off the worker.
/// </summary>
internal sealed class OutboxDispatcher : BackgroundService
{
    private static readonly TimeSpan MaxStoreBackoff = TimeSpan.FromSeconds(30);

    private readonly IWebhookOutbox? _outbox;
    private readonly WebhookEndpoints _endpoints;
    private readonly OutboxSignal _signal;
    private readonly DeliveryOptions _delivery;
    private readonly WebhookOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger<OutboxDispatcher> _logger;
    private readonly OutboxPass? _pass;

    public OutboxDispatcher(
        WebhookEndpoints endpoints,
        WebhookDelivery delivery,
        OutboxSignal signal,
        IOptions<DeliveryOptions> deliveryOptions,
        IOptions<WebhookOptions> options,
        TimeProvider timeProvider,
        ILogger<OutboxDispatcher> logger,
        IWebhookOutbox? outbox = null)
    {
        _outbox = outbox;
        _endpoints = endpoints;
        _signal = signal;
        _delivery = deliveryOptions.Value;
        _options = options.Value;
        _timeProvider = timeProvider;
        _logger = logger;
        _pass = outbox is null ? null : new OutboxPass(outbox, delivery, options, timeProvider);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_pass is null || _outbox is null || _endpoints.All.Count == 0 || !_delivery.EnableWorker)
        {
            return;
        }

        WebhookLog.DispatcherStarted(_logger, _endpoints.All.Count, _options.MaxConcurrency);
        var backoff = new StoreBackoff(MaxStoreBackoff);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                int tried;
                try
                {
                    tried = await _pass.RunOnceAsync(stoppingToken);
                    backoff.Succeeded(_logger);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    await Task.Delay(backoff.Failed(_logger, ex), _timeProvider, stoppingToken);
                    continue;
                }

                if (tried == 0)
                {
                    await WaitForDueAsync(_outbox, stoppingToken);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Shutting down; a pass under way has recorded its tries.
        }
    }

    private async Task WaitForDueAsync(IWebhookOutbox outbox, CancellationToken stoppingToken)
    {
        var wait = _delivery.PollInterval;
        try
        {
            if (await outbox.GetNextDueTimeAsync(stoppingToken) is { } next && next - _timeProvider.GetUtcNow() < wait)
            {
                wait = next - _timeProvider.GetUtcNow();
            }
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The pass reports store trouble; here we simply poll at the normal interval.
        }

        if (wait > TimeSpan.Zero)
        {
            await _signal.WaitAsync(wait, stoppingToken);
        }
    }
}
