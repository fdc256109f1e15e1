using System.Diagnostics;

namespace Mailstrom.LoadTest;

/// <summary>
/// Submits at a fixed rate (open loop) for a fixed time and reports accept latency measured from each request's
/// scheduled start, so a stalled server cannot hide its queueing (no coordinated omission). In-flight requests are
/// capped; a request that cannot start on time is still charged from its scheduled time.
/// </summary>
internal static class PacedRun
{
    private const int MaxInFlight = 1_000;

    public static async Task<Report> RunAsync(ApiClient api, LoadTestOptions options)
    {
        using var deadline = new CancellationTokenSource(options.Timeout);
        await ThroughputRun.WarmUpAsync(api, options, deadline.Token);

        var run = $"p{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}";
        var total = (int)Math.Ceiling(options.Rate * options.Duration.TotalSeconds);
        var latency = new LatencyRecorder();
        var status = new LatencyRecorder();
        var ids = new string[total];
        var accepted = 0;
        var failures = 0;
        using var inFlight = new SemaphoreSlim(MaxInFlight, MaxInFlight);
        var before = ProcessSample.Read(options.AppPid, options.ClockTicks);
        var started = Stopwatch.GetTimestamp();
        var interval = Stopwatch.Frequency / options.Rate;
        var tasks = new List<Task>(total);
        for (var n = 0; n < total && !deadline.IsCancellationRequested; n++)
        {
            var due = started + (long)(n * interval);
            while (due - Stopwatch.GetTimestamp() > Stopwatch.Frequency / 2_000)
            {
                // Timer resolution is about 1 ms: requests that fall due meanwhile start together, charged from their due time.
                await Task.Delay(1);
            }

            await inFlight.WaitAsync(deadline.Token);
            var index = n;
            tasks.Add(Task.Run(async () =>
            {
                try
                {
                    ids[index] = await api.SubmitAsync(run, index, deadline.Token);
                    latency.Record(Stopwatch.GetTimestamp() - due);
                    Interlocked.Increment(ref accepted);
                }
                catch (Exception) when (!deadline.IsCancellationRequested)
                {
                    Interlocked.Increment(ref failures);
                }
                finally
                {
                    inFlight.Release();
                }
            }));
            if (n % 50 == 0 && Volatile.Read(ref accepted) > 0)
            {
                var id = ids[Random.Shared.Next(Volatile.Read(ref accepted))];
                if (id is not null)
                {
                    tasks.Add(ProbeOnceAsync(api, id, status, deadline.Token));
                }
            }
        }

        await Task.WhenAll(tasks);
        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
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
            ("status_queries", status.Count),
            ("status_p50_ms", status.Percentile(0.50)),
            ("status_p99_ms", status.Percentile(0.99)),
            ("app_cpu_s", after is null || before is null ? double.NaN : after.CpuSeconds - before.CpuSeconds),
            ("app_peak_rss_mb", after?.PeakRssMegabytes ?? double.NaN),
        ]);
    }

    private static async Task ProbeOnceAsync(ApiClient api, string id, LatencyRecorder recorder, CancellationToken cancellationToken)
    {
        var t0 = Stopwatch.GetTimestamp();
        await api.GetStatusAsync(id, cancellationToken);
        recorder.Record(Stopwatch.GetTimestamp() - t0);
    }
}
