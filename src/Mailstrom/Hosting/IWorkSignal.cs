namespace Mailstrom.Hosting;

/// <summary>Wakes the delivery worker when new work is committed, so it need not wait for its next poll.</summary>
public interface IWorkSignal
{
    /// <summary>Signals that new work may be due. Cheap and safe to call from any thread, any number of times.</summary>
    void Notify();

    /// <summary>Waits until <see cref="Notify"/> is called or <paramref name="timeout"/> elapses.</summary>
    /// <param name="timeout">The longest wait.</param>
    /// <param name="cancellationToken">Ends the wait early.</param>
    /// <returns>A task that completes when signalled or timed out.</returns>
    Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken);
}
