using System.Globalization;

namespace Mailstrom.LoadTest;

/// <summary>Command-line settings of one load run.</summary>
internal sealed class LoadTestOptions
{
    public string Mode { get; private set; } = "throughput";

    public Uri BaseUrl { get; private set; } = new("http://127.0.0.1:7071/");

    public string? Key { get; private set; }

    public int Emails { get; private set; } = 5_000;

    public int Recipients { get; private set; } = 1;

    public int Concurrency { get; private set; } = 32;

    public int BodyBytes { get; private set; } = 2_048;

    public string Domain { get; private set; } = "sink.bench.test";

    public int? AppPid { get; private set; }

    public int ClockTicks { get; private set; } = 100;

    /// <summary>Another process (the Durable engine's Azurite) whose CPU seconds are reported over the same window as the app's.</summary>
    public int? AuxPid { get; private set; }

    /// <summary>Whether the warm-up's emails are purged once delivered, so the measured run starts on an empty store.</summary>
    public bool PurgeWarmup { get; private set; }

    /// <summary>After the warm-up, wait until this process (Azurite) has run this long and then been idle for a second.</summary>
    public TimeSpan SettleUptime { get; private set; } = TimeSpan.Zero;

    public int Warmup { get; private set; } = 50;

    /// <summary>Warm-up rounds (of <see cref="Warmup"/> emails each, delivered before the next) go on for at least this long.</summary>
    public TimeSpan WarmupDuration { get; private set; } = TimeSpan.Zero;

    public double Rate { get; private set; } = 1_000;

    public TimeSpan Duration { get; private set; } = TimeSpan.FromSeconds(5);

    public TimeSpan Timeout { get; private set; } = TimeSpan.FromMinutes(10);

    public int StatusProbes { get; private set; } = 2;

    /// <summary>How long each status probe pauses between its queries.</summary>
    public TimeSpan StatusPause { get; private set; } = TimeSpan.FromMilliseconds(2);

    public string Label { get; private set; } = "run";

    public string? SinkLog { get; private set; }

    /// <summary>A directory on the app's database disk, to measure that disk's fsync latency beside a paced run.</summary>
    public string? DiskProbe { get; private set; }

    public static string Usage => """
        Mailstrom.LoadTest --url http://127.0.0.1:7071/ --key KEY [options]
          --mode throughput|paced|backlog   what to measure (default throughput)
          --emails N          emails to submit (throughput, backlog; default 5000)
          --recipients R      recipients per email (default 1)
          --concurrency C     concurrent HTTP requests (default 32)
          --body-bytes B      text body size (default 2048)
          --domain D          recipient domain (default sink.bench.test)
          --app-pid P         the app's process id, for CPU seconds and peak RSS from /proc
          --clock-ticks T     USER_HZ for /proc/P/stat (default 100; getconf CLK_TCK)
          --aux-pid P         another process (e.g. Azurite) whose CPU seconds are reported over the same window
          --warmup W          emails per warm-up round, delivered before measuring (default 50; 0: none)
          --warmup-seconds S  warm-up rounds go on for at least S seconds (default 0: one round)
          --purge-warmup yes  purge (DELETE) the warm-up's emails once they are delivered, before measuring
          --settle-uptime S   after the warm-up, wait until the --aux-pid process has run S seconds and then been idle
                              for a second (at most 120 s): Azurite's queue GC, every 60 s, then has swept the warm-up's
                              messages, and its next sweep is a minute away
          --rate R            paced submissions per second (paced; default 1000)
          --duration S        paced run length in seconds (paced; default 5)
          --timeout S         give up waiting for delivery after S seconds (default 600)
          --status-probes P   concurrent status pollers while delivering (default 2)
          --status-pause-ms M each poller's pause between queries (default 2)
          --label L           a name printed with the results
          --sink-log F        smtp-sink -c output: wait for its message counter before asking the API (less load on the app)
          --disk-probe DIR    paced: fsync 4 KiB in DIR every 10 ms and report the disk's fsync p99 and max
        """;

    public static LoadTestOptions Parse(string[] args)
    {
        var options = new LoadTestOptions();
        for (var i = 0; i < args.Length; i++)
        {
            var name = args[i];
            var value = i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{name} needs a value");
            switch (name)
            {
                case "--mode": options.Mode = value; break;
                case "--url": options.BaseUrl = new Uri(value.EndsWith('/') ? value : value + "/"); break;
                case "--key": options.Key = value; break;
                case "--emails": options.Emails = Positive(name, value); break;
                case "--recipients": options.Recipients = Positive(name, value); break;
                case "--concurrency": options.Concurrency = Positive(name, value); break;
                case "--body-bytes": options.BodyBytes = Positive(name, value); break;
                case "--domain": options.Domain = value; break;
                case "--app-pid": options.AppPid = Positive(name, value); break;
                case "--clock-ticks": options.ClockTicks = Positive(name, value); break;
                case "--aux-pid": options.AuxPid = Positive(name, value); break;
                case "--purge-warmup": options.PurgeWarmup = value is "yes" or "true" or "1"; break;
                case "--settle-uptime": options.SettleUptime = TimeSpan.FromSeconds(Positive(name, value)); break;
                case "--warmup": options.Warmup = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--warmup-seconds": options.WarmupDuration = TimeSpan.FromSeconds(int.Parse(value, CultureInfo.InvariantCulture)); break;
                case "--rate": options.Rate = double.Parse(value, CultureInfo.InvariantCulture); break;
                case "--duration": options.Duration = TimeSpan.FromSeconds(Positive(name, value)); break;
                case "--timeout": options.Timeout = TimeSpan.FromSeconds(Positive(name, value)); break;
                case "--status-probes": options.StatusProbes = int.Parse(value, CultureInfo.InvariantCulture); break;
                case "--status-pause-ms": options.StatusPause = TimeSpan.FromMilliseconds(Positive(name, value)); break;
                case "--label": options.Label = value; break;
                case "--sink-log": options.SinkLog = value; break;
                case "--disk-probe": options.DiskProbe = value; break;
                default: throw new ArgumentException($"unknown option {name}");
            }
        }

        if (options.Mode is not ("throughput" or "paced" or "backlog"))
        {
            throw new ArgumentException($"unknown mode {options.Mode}");
        }

        return options;
    }

    private static int Positive(string name, string value) =>
        int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : throw new ArgumentException($"{name} must be a positive whole number");
}
