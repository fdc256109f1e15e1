using System.Diagnostics;

namespace Mailstrom.LoadTest;

/// <summary>
/// Asks for the status of a random accepted email at a steady pace from dedicated threads with synchronous I/O, so the
/// latency recorded is the server's answer time, not time spent waiting for the driver's own thread pool.
/// </summary>
internal sealed class StatusProber : IDisposable
{
    private readonly ApiClient _api;
    private readonly string?[] _ids;
    private readonly Func<int> _accepted;
    private readonly TimeSpan _pause;
    private readonly Thread[] _threads;
    private readonly ManualResetEventSlim _stop = new(false);
    private int _failures;

    /// <summary>Starts <paramref name="threads"/> probing threads, each pausing <paramref name="pause"/> between queries.</summary>
    public StatusProber(ApiClient api, string?[] ids, Func<int> accepted, int threads, TimeSpan pause)
    {
        _api = api;
        _ids = ids;
        _accepted = accepted;
        _pause = pause;
        _threads = Enumerable.Range(0, threads)
            .Select(seed => new Thread(() => Probe(seed)) { IsBackground = true, Name = $"status probe {seed}" })
            .ToArray();
        foreach (var thread in _threads)
        {
            thread.Start();
        }
    }

    /// <summary>The answered queries' latency; a failed query is counted in <see cref="Failures"/> instead.</summary>
    public LatencyRecorder Latency { get; } = new();

    /// <summary>Queries that failed (an error status, a timeout, a dropped connection); the run reports them.</summary>
    public int Failures => Volatile.Read(ref _failures);

    /// <summary>Stops the probes and waits for the queries in flight.</summary>
    public void Stop()
    {
        _stop.Set();
        foreach (var thread in _threads)
        {
            thread.Join();
        }
    }

    public void Dispose()
    {
        Stop();
        _stop.Dispose();
    }

    private void Probe(int seed)
    {
        var random = new Random(seed);
        while (!_stop.Wait(_pause))
        {
            var count = _accepted();
            if (count == 0 || _ids[random.Next(count)] is not { } id)
            {
                continue;
            }

            var t0 = Stopwatch.GetTimestamp();
            try
            {
                _api.GetStatus(id);
            }
            catch (Exception ex) when (ex is HttpRequestException or IOException or TaskCanceledException)
            {
                // A probe thread must not take the driver down; the run reports how many queries failed.
                Interlocked.Increment(ref _failures);
                continue;
            }

            Latency.Record(Stopwatch.GetTimestamp() - t0);
        }
    }
}
