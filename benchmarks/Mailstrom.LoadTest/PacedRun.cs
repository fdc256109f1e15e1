using System.Diagnostics;

namespace Mailstrom.LoadTest;

/// <summary>
/// Submits at a fixed rate (open loop) for a fixed time and reports accept latency measured from each request's
/// scheduled start, so a stalled server cannot hide its queueing (no coordinated omission). Requests go out from
/// dedicated sender threads with synchronous I/O: each takes the next scheduled request, sleeps until it is due and
/// sends it, so the driver's own thread pool adds no queueing to what is measured. How late each request actually
/// left (the driver's share) is reported as send lag. Meanwhile one thread asks for the status of a random accepted
/// email every <see cref="ProbePause"/>.
/// </summary>
internal static class PacedRun
{
    private const int SenderThreads = 64;
    private static readonly TimeSpan ProbePause = TimeSpan.FromMilliseconds(10);

    public static async Task<Report> RunAsync(ApiClient api, LoadTestOptions options)
    {
        using var deadline = new CancellationTokenSource(options.Timeout);
        WarmUpSynchronousPath(api);
        await ThroughputRun.WarmUpAsync(api, options, deadline.Token);

        var run = $"p{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}";
        var total = (int)Math.Ceiling(options.Rate * options.Duration.TotalSeconds);
        var latency = new LatencyRecorder();
        var lag = new LatencyRecorder();
        var ids = new string?[total];
        var accepted = 0;
        var failures = 0;
        var before = ProcessSample.Read(options.AppPid, options.ClockTicks);
        var started = Stopwatch.GetTimestamp();
        var interval = Stopwatch.Frequency / options.Rate;
        var next = -1;
        using var prober = new StatusProber(api, ids, () => Volatile.Read(ref accepted), 1, ProbePause);
        using var disk = options.DiskProbe is { } directory ? new DiskProbe(directory) : null;

        void Send()
        {
            int n;
            while ((n = Interlocked.Increment(ref next)) < total && !deadline.IsCancellationRequested)
            {
                var due = started + (long)(n * interval);
                var wait = due - Stopwatch.GetTimestamp();
                if (wait > 0)
                {
                    Thread.Sleep(TimeSpan.FromTicks(wait * TimeSpan.TicksPerSecond / Stopwatch.Frequency));
                }

                lag.Record(Math.Max(0, Stopwatch.GetTimestamp() - due));
                try
                {
                    var id = api.Submit(run, n);
                    latency.Record(Stopwatch.GetTimestamp() - due);
                    Volatile.Write(ref ids[n], id);
                    Interlocked.Increment(ref accepted);
                }
                catch (Exception) when (!deadline.IsCancellationRequested)
                {
                    Interlocked.Increment(ref failures);
                }
            }
        }

        var senders = Enumerable.Range(0, SenderThreads)
            .Select(i => new Thread(Send) { IsBackground = true, Name = $"sender {i}" })
            .ToArray();
        foreach (var sender in senders)
        {
            sender.Start();
        }

        foreach (var sender in senders)
        {
            sender.Join();
        }

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        prober.Stop();
        disk?.Stop();
        var status = prober.Latency;
        var after = ProcessSample.Read(options.AppPid, options.ClockTicks);
        return new Report(options.Label, [
            ("target_rate_per_s", options.Rate),
            ("recipients_per_email", options.Recipients),
            ("submitted", total),
            ("accepted", accepted),
            ("failed", failures),
            ("achieved_rate_per_s", accepted / seconds),
            ("accept_p50_ms", latency.Percentile(0.50)),
            ("accept_p99_ms", latency.Percentile(0.99)),
            ("accept_max_ms", latency.Percentile(1.0)),
            ("send_lag_p99_ms", lag.Percentile(0.99)),
            ("status_queries", status.Count),
            ("status_failed", prober.Failures),
            ("status_p50_ms", status.Percentile(0.50)),
            ("status_p99_ms", status.Percentile(0.99)),
            ("disk_fsync_p99_ms", disk?.Latency.Percentile(0.99) ?? double.NaN),
            ("disk_fsync_max_ms", disk?.Latency.Percentile(1.0) ?? double.NaN),
            ("app_cpu_s", after is null || before is null ? double.NaN : after.CpuSeconds - before.CpuSeconds),
            ("app_peak_rss_mb", after?.PeakRssMegabytes ?? double.NaN),
        ]);
    }

    /// <summary>Compiles and exercises the synchronous send and status paths before anything is timed.</summary>
    private static void WarmUpSynchronousPath(ApiClient api)
    {
        var run = $"pw{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}";
        Parallel.For(0, 200, new ParallelOptions { MaxDegreeOfParallelism = 8 }, n => api.GetStatus(api.Submit(run, n)));
    }
}
