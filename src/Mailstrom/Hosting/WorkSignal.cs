namespace Mailstrom.Hosting;

/// <summary>An auto-reset <see cref="IWorkSignal"/>: one wake-up per burst of notifications.</summary>
internal sealed class WorkSignal(TimeProvider timeProvider) : IWorkSignal, IDisposable
{
    private readonly SemaphoreSlim _semaphore = new(0, 1);

    public void Notify()
    {
        try
        {
            if (_semaphore.CurrentCount == 0)
            {
                _semaphore.Release();
            }
        }
        catch (SemaphoreFullException)
        {
            // Another thread signalled first: the worker is already awake.
        }
    }

    public async Task WaitAsync(TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var timer = new CancellationTokenSource(timeout, timeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(timer.Token, cancellationToken);
        try
        {
            await _semaphore.WaitAsync(linked.Token);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // Timed out: time to poll.
        }
    }

    public void Dispose() => _semaphore.Dispose();
}
