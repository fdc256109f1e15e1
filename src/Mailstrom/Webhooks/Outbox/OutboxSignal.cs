using Mailstrom.Hosting;

namespace Mailstrom.Webhooks.Outbox;

/// <summary>Wakes the webhook dispatcher when status changes (and so events) were committed, so it need not wait for its next poll.</summary>
internal sealed class OutboxSignal(TimeProvider timeProvider) : IDisposable
{
    private readonly WorkSignal _signal = new(timeProvider);

    /// <summary>Signals that events may be due. Cheap, from any thread.</summary>
    public void Notify() => _signal.Notify();

    /// <summary>Waits until signalled or until <paramref name="timeout"/> elapses.</summary>
    public Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken) => _signal.WaitAsync(timeout, cancellationToken);

    public void Dispose() => _signal.Dispose();
}
