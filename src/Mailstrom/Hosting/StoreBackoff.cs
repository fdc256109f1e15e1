using Microsoft.Extensions.Logging;

namespace Mailstrom.Hosting;

/// <summary>
/// Backs the worker off while the store is unavailable: the delay doubles from 100 ms up to a cap, and the outage is
/// logged once per episode (when it starts and when it ends), not once per failed call.
/// </summary>
internal sealed class StoreBackoff(TimeSpan max)
{
    private static readonly TimeSpan First = TimeSpan.FromMilliseconds(100);
    private int _failures;

    public TimeSpan Failed(ILogger logger, Exception exception)
    {
        if (_failures == 0)
        {
            WorkerLog.StoreUnavailable(logger, exception);
        }

        _failures++;
        var delay = First * Math.Pow(2, Math.Min(_failures - 1, 16));
        delay = delay < max ? delay : max;
        WorkerLog.StoreStillUnavailable(logger, _failures, delay);
        return delay;
    }

    public void Succeeded(ILogger logger)
    {
        if (_failures > 0)
        {
            WorkerLog.StoreRecovered(logger, _failures);
            _failures = 0;
        }
    }
}
