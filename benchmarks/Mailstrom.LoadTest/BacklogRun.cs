using System.Diagnostics;

namespace Mailstrom.LoadTest;

/// <summary>
/// Accept rate on an empty store, then again behind a backlog of N × R queued recipients (the app runs with its
/// worker disabled, so the backlog stays queued), and the app's peak RSS.
/// </summary>
internal static class BacklogRun
{
    private const int Sample = 2_000;

    public static async Task<Report> RunAsync(ApiClient api, LoadTestOptions options)
    {
        using var deadline = new CancellationTokenSource(options.Timeout);
        var run = $"b{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}";
        await SubmitAsync(api, options, $"{run}w", options.Warmup, null, deadline.Token);

        var emptyLatency = new LatencyRecorder();
        var emptyRate = await SubmitAsync(api, options, $"{run}a", Sample, emptyLatency, deadline.Token);
        var fillRate = await SubmitAsync(api, options, $"{run}f", options.Emails, null, deadline.Token);
        var fullLatency = new LatencyRecorder();
        var fullRate = await SubmitAsync(api, options, $"{run}b", Sample, fullLatency, deadline.Token);
        var sample = ProcessSample.Read(options.AppPid, options.ClockTicks);
        return new Report(options.Label, [
            ("backlog_recipients", (double)options.Emails * options.Recipients),
            ("accept_per_s_empty", emptyRate),
            ("accept_p99_ms_empty", emptyLatency.Percentile(0.99)),
            ("fill_accept_per_s", fillRate),
            ("accept_per_s_backlog", fullRate),
            ("accept_p99_ms_backlog", fullLatency.Percentile(0.99)),
            ("backlog_rate_ratio", fullRate / emptyRate),
            ("app_peak_rss_mb", sample?.PeakRssMegabytes ?? double.NaN),
        ]);
    }

    /// <summary>Submits <paramref name="count"/> emails with C concurrent requests; returns emails per second.</summary>
    private static async Task<double> SubmitAsync(
        ApiClient api, LoadTestOptions options, string run, int count, LatencyRecorder? latency, CancellationToken cancellationToken)
    {
        var next = -1;
        var started = Stopwatch.GetTimestamp();
        await Task.WhenAll(Enumerable.Range(0, options.Concurrency).Select(async _ =>
        {
            int n;
            while ((n = Interlocked.Increment(ref next)) < count)
            {
                var t0 = Stopwatch.GetTimestamp();
                await api.SubmitAsync(run, n, cancellationToken);
                latency?.Record(Stopwatch.GetTimestamp() - t0);
            }
        }));
        return count / Stopwatch.GetElapsedTime(started).TotalSeconds;
    }
}
