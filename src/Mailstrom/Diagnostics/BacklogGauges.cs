using System.Diagnostics.Metrics;
using Mailstrom.Storage;

namespace Mailstrom.Diagnostics;

/// <summary>
/// The values of the backlog gauges: one store read serves all three, and a collector that asks more than once a
/// second gets the last read. A read that fails reports no value rather than a wrong one.
/// </summary>
internal sealed class BacklogGauges(IDeliveryBacklog backlog, TimeProvider timeProvider)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan ReadTimeout = TimeSpan.FromSeconds(5);

    private readonly Lock _lock = new();
    private (DeliveryBacklog Value, DateTimeOffset ReadAt)? _last;

    public IEnumerable<Measurement<long>> Due() =>
        Read() is { } read ? [new Measurement<long>(read.Value.Due)] : [];

    public IEnumerable<Measurement<long>> Deferred() =>
        Read() is { } read ? [new Measurement<long>(read.Value.Deferred)] : [];

    public IEnumerable<Measurement<double>> OldestDueAge() =>
        Read() is { } read
            ? [new Measurement<double>(read.Value.OldestDueTime is { } due ? Math.Max(0, (read.ReadAt - due).TotalSeconds) : 0)]
            : [];

    private (DeliveryBacklog Value, DateTimeOffset ReadAt)? Read()
    {
        lock (_lock)
        {
            var now = timeProvider.GetUtcNow();
            if (_last is { } last && now - last.ReadAt < MaxAge)
            {
                return last;
            }

            try
            {
                // Collectors call gauges synchronously; the store's read is short and bounded.
                using var timeout = new CancellationTokenSource(ReadTimeout);
                _last = (backlog.ReadBacklogAsync(now, timeout.Token).GetAwaiter().GetResult(), now);
            }
            catch (Exception ex) when (ex is not OutOfMemoryException)
            {
                _last = null;
            }

            return _last;
        }
    }
}
