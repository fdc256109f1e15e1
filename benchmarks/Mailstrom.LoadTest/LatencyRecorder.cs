using System.Diagnostics;

namespace Mailstrom.LoadTest;

/// <summary>Collects request latencies (thread-safe) and reports percentiles in milliseconds.</summary>
internal sealed class LatencyRecorder
{
    private readonly List<long> _ticks = [];
    private readonly Lock _gate = new();

    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _ticks.Count;
            }
        }
    }

    public void Record(long stopwatchTicks)
    {
        lock (_gate)
        {
            _ticks.Add(stopwatchTicks);
        }
    }

    /// <summary>The latency at quantile <paramref name="q"/> (nearest rank), in milliseconds; NaN when empty.</summary>
    public double Percentile(double q)
    {
        long[] sorted;
        lock (_gate)
        {
            sorted = [.. _ticks];
        }

        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        Array.Sort(sorted);
        var rank = (int)Math.Ceiling(q * sorted.Length) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Length - 1)] * 1000.0 / Stopwatch.Frequency;
    }
}
