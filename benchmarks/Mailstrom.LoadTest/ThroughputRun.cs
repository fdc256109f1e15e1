using System.Diagnostics;

namespace Mailstrom.LoadTest;

/// <summary>
/// Submits N emails as fast as C concurrent requests allow, polls status meanwhile, and waits until every email is
/// Completed: accept throughput and latency, delivered recipients per second, status latency under load, app CPU and RSS.
/// </summary>
internal static class ThroughputRun
{
    private static readonly TimeSpan CompletionPoll = TimeSpan.FromMilliseconds(20);

    public static async Task<Report> RunAsync(ApiClient api, LoadTestOptions options)
    {
        using var deadline = new CancellationTokenSource(options.Timeout);
        var warmedUp = await WarmUpAsync(api, options, deadline.Token);

        var run = $"t{DateTimeOffset.UtcNow.ToUnixTimeSeconds()}";
        var accept = new LatencyRecorder();
        var ids = new string?[options.Emails];
        var accepted = 0;
        var before = ProcessSample.Read(options.AppPid, options.ClockTicks);
        var auxBefore = ProcessSample.Read(options.AuxPid, options.ClockTicks);
        var sinkBefore = SinkCounter.Read(options.SinkLog);
        var started = Stopwatch.GetTimestamp();

        using var prober = new StatusProber(api, ids, () => Volatile.Read(ref accepted), options.StatusProbes, options.StatusPause);

        var next = -1;
        var submitters = Enumerable.Range(0, options.Concurrency).Select(async _ =>
        {
            int n;
            while ((n = Interlocked.Increment(ref next)) < options.Emails)
            {
                var t0 = Stopwatch.GetTimestamp();
                ids[n] = await api.SubmitAsync(run, n, deadline.Token);
                accept.Record(Stopwatch.GetTimestamp() - t0);
                Interlocked.Increment(ref accepted);
            }
        }).ToArray();
        await Task.WhenAll(submitters);
        var submitted = Stopwatch.GetTimestamp();

        // Every email is at least one message at the sink: until the sink has them all, the API need not be asked.
        while (sinkBefore is { } sunk && SinkCounter.Read(options.SinkLog) < sunk + options.Emails)
        {
            await Task.Delay(CompletionPoll, deadline.Token);
        }

        while (await api.AnyUnfinishedAsync(deadline.Token))
        {
            await Task.Delay(CompletionPoll, deadline.Token);
        }

        var completed = Stopwatch.GetTimestamp();
        prober.Stop();
        var status = prober.Latency;
        var after = ProcessSample.Read(options.AppPid, options.ClockTicks);
        var auxAfter = ProcessSample.Read(options.AuxPid, options.ClockTicks);
        var counts = await api.CountRecipientsAsync(deadline.Token);

        var submitSeconds = Stopwatch.GetElapsedTime(started, submitted).TotalSeconds;
        var totalSeconds = Stopwatch.GetElapsedTime(started, completed).TotalSeconds;
        var recipients = (double)options.Emails * options.Recipients;
        return new Report(options.Label, [
            ("emails", options.Emails),
            ("recipients_per_email", options.Recipients),
            ("concurrency", options.Concurrency),
            ("accept_per_s", options.Emails / submitSeconds),
            ("accept_p50_ms", accept.Percentile(0.50)),
            ("accept_p99_ms", accept.Percentile(0.99)),
            ("submit_s", submitSeconds),
            ("end_to_end_s", totalSeconds),
            ("delivered_rcpt_per_s", recipients / totalSeconds),
            ("delivered_msg_per_s", options.Emails / totalSeconds),
            ("status_queries", status.Count),
            ("status_failed", prober.Failures),
            ("status_p50_ms", status.Percentile(0.50)),
            ("status_p99_ms", status.Percentile(0.99)),
            ("app_cpu_s", after is null || before is null ? double.NaN : after.CpuSeconds - before.CpuSeconds),
            ("app_peak_rss_mb", after?.PeakRssMegabytes ?? double.NaN),
            ("aux_cpu_s", auxAfter is null || auxBefore is null ? double.NaN : auxAfter.CpuSeconds - auxBefore.CpuSeconds),
            ("recipients_delivered", counts.GetValueOrDefault("Delivered") - (warmedUp.Remaining * options.Recipients)),
            ("recipients_not_delivered", counts.Where(c => c.Key != "Delivered").Sum(c => c.Value)),
            ("warmup_emails", warmedUp.Emails),
            ("warmup_s", warmedUp.Seconds),
            ("warmup_purge_s", warmedUp.PurgeSeconds),
            ("warmup_settle_s", warmedUp.SettleSeconds),
        ]);
    }

    /// <summary>
    /// Delivers <see cref="LoadTestOptions.Warmup"/> emails and waits until all are done, in rounds, until
    /// <see cref="LoadTestOptions.WarmupDuration"/> has passed (one round at least): long enough, the app's JIT has
    /// finished tiering up before anything is measured. With a sink log, each round first waits for the sink to have
    /// counted the round's messages (every email is at least one), so the API is asked only once the round is all but
    /// done. With <see cref="LoadTestOptions.PurgeWarmup"/>, the warm-up's emails are then purged, so the measured run
    /// starts on an empty store (a store whose cost grows with what it holds, as Azurite's tables do, would otherwise be
    /// measured behind the warm-up's history). Returns how many emails the warm-up submitted, and how long it took.
    /// </summary>
    internal static async Task<WarmUp> WarmUpAsync(ApiClient api, LoadTestOptions options, CancellationToken cancellationToken)
    {
        if (options.Warmup <= 0)
        {
            return new WarmUp(0, 0, 0, 0, 0);
        }

        var started = Stopwatch.GetTimestamp();
        var submitted = 0;
        var ids = new List<string>();
        for (var round = 0; round == 0 || Stopwatch.GetElapsedTime(started) < options.WarmupDuration; round++)
        {
            var next = -1;
            var run = $"warmup{round}";
            var sinkBefore = SinkCounter.Read(options.SinkLog);
            await Task.WhenAll(Enumerable.Range(0, Math.Min(options.Concurrency, options.Warmup)).Select(async _ =>
            {
                int n;
                while ((n = Interlocked.Increment(ref next)) < options.Warmup)
                {
                    var id = await api.SubmitAsync(run, n, cancellationToken);
                    lock (ids)
                    {
                        ids.Add(id);
                    }
                }
            }));
            submitted += options.Warmup;
            while (sinkBefore is { } sunk && SinkCounter.Read(options.SinkLog) < sunk + options.Warmup)
            {
                await Task.Delay(CompletionPoll, cancellationToken);
            }

            while (await api.AnyUnfinishedAsync(cancellationToken))
            {
                await Task.Delay(CompletionPoll, cancellationToken);
            }
        }

        var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        if (!options.PurgeWarmup)
        {
            return new WarmUp(submitted, seconds, submitted, 0, await SettleAsync(options, cancellationToken));
        }

        var purging = Stopwatch.GetTimestamp();
        var nextPurge = -1;
        await Task.WhenAll(Enumerable.Range(0, Math.Min(options.Concurrency, ids.Count)).Select(async _ =>
        {
            int n;
            while ((n = Interlocked.Increment(ref nextPurge)) < ids.Count)
            {
                await api.PurgeAsync(ids[n], cancellationToken);
            }
        }));
        var purgeSeconds = Stopwatch.GetElapsedTime(purging).TotalSeconds;
        return new WarmUp(submitted, seconds, 0, purgeSeconds, await SettleAsync(options, cancellationToken));
    }

    /// <summary>
    /// Waits until the <see cref="LoadTestOptions.AuxPid"/> process has been up <see cref="LoadTestOptions.SettleUptime"/>
    /// and then used under 10% of a core over a second (at most two minutes); returns the seconds waited.
    /// </summary>
    private static async Task<double> SettleAsync(LoadTestOptions options, CancellationToken cancellationToken)
    {
        if (options.SettleUptime <= TimeSpan.Zero || options.AuxPid is null)
        {
            return 0;
        }

        var started = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(started) < TimeSpan.FromMinutes(2))
        {
            var uptime = ProcessSample.Uptime(options.AuxPid, options.ClockTicks);
            var before = ProcessSample.Read(options.AuxPid, options.ClockTicks);
            await Task.Delay(TimeSpan.FromSeconds(1), cancellationToken);
            var after = ProcessSample.Read(options.AuxPid, options.ClockTicks);
            if (uptime is null || before is null || after is null
                || (uptime >= options.SettleUptime && after.CpuSeconds - before.CpuSeconds < 0.1))
            {
                break;
            }
        }

        return Stopwatch.GetElapsedTime(started).TotalSeconds;
    }

    /// <summary>What the warm-up did.</summary>
    /// <param name="Emails">Emails submitted and delivered.</param>
    /// <param name="Seconds">How long it took.</param>
    /// <param name="Remaining">Of those, the emails still in the store (not purged).</param>
    /// <param name="PurgeSeconds">How long purging them took.</param>
    /// <param name="SettleSeconds">How long the wait for the store's process to settle took.</param>
    internal readonly record struct WarmUp(int Emails, double Seconds, int Remaining, double PurgeSeconds, double SettleSeconds);
}
