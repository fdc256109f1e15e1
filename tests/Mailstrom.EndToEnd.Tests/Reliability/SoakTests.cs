using Mailstrom.Testing.Rig;
using System.Diagnostics;
using System.Globalization;
using Xunit.Abstractions;

namespace Mailstrom.EndToEnd.Tests.Reliability;

/// <summary>
/// A bounded soak: the app as a real process receives email at a steady rate and delivers it to an smtp-sink while
/// its resident memory is sampled. The curve must stay flat. The length comes from <c>MAILSTROM_SOAK_SECONDS</c>
/// (default 90 s in the test suite; <c>docs/reliability.md</c> reports a 10-minute run of this same test).
/// </summary>
[RigTest]
public sealed class SoakTests(ITestOutputHelper output)
{
    private const int EmailsPerSecond = 50;

    [Fact]
    public async Task Soak_AtSteadyRate_KeepsMemoryFlatAndDeliversEverything()
    {
        var duration = TimeSpan.FromSeconds(int.Parse(Environment.GetEnvironmentVariable("MAILSTROM_SOAK_SECONDS") ?? "90", CultureInfo.InvariantCulture));
        await using var run = await CrashRun.StartAsync(new Dictionary<string, string>
        {
            ["Mailstrom:Storage:Sqlite:Path"] = Path.Combine(Path.GetTempPath(), "mailstrom-soak", $"{Guid.NewGuid():N}.db"),
        }, sinkNumber: 3);
        await run.StartAppAsync(worker: true);
        using var client = run.NewClient();

        var samples = new List<(double Seconds, long Rss)>();
        var clock = Stopwatch.StartNew();
        var sent = 0;
        var nextSample = TimeSpan.Zero;
        while (clock.Elapsed < duration)
        {
            // Steady rate: send whatever the schedule says is due by now, then yield for a tick.
            var due = (int)(clock.Elapsed.TotalSeconds * EmailsPerSecond);
            for (; sent < due; sent++)
            {
                run.Ids.Add(await run.SubmitOneAsync(client, sent, CancellationToken.None));
            }

            if (clock.Elapsed >= nextSample)
            {
                samples.Add((clock.Elapsed.TotalSeconds, run.App!.ResidentBytes));
                nextSample += TimeSpan.FromSeconds(5);
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20));
        }

        await run.WaitUntilAllFinalAsync(TimeSpan.FromMinutes(2));
        samples.Add((clock.Elapsed.TotalSeconds, run.App!.ResidentBytes));
        foreach (var (seconds, rss) in samples)
        {
            output.WriteLine($"t={seconds,6:0}s rss={rss / (1024.0 * 1024.0),7:0.0} MiB");
        }

        output.WriteLine($"sent {sent}, sink counted {run.Sink.Messages}, peak {run.App.PeakResidentBytes / (1024.0 * 1024.0):0.0} MiB");
        Assert.Equal(sent, run.Sink.Messages);

        // Flat: after the first third (start-up, JIT, pools warming), the last third's average stays within 25% of
        // the middle third's, and the peak stays far below the 300 MB budget.
        var third = samples.Count / 3;
        var middle = samples.Skip(third).Take(third).Average(s => s.Rss);
        var last = samples.Skip(2 * third).Average(s => s.Rss);
        output.WriteLine($"middle third {middle / 1048576:0.0} MiB, last third {last / 1048576:0.0} MiB");
        Assert.True(last <= middle * 1.25, $"Memory grew from {middle / 1048576:0.0} MiB to {last / 1048576:0.0} MiB.");
        Assert.True(run.App.PeakResidentBytes < 300L * 1024 * 1024, $"Peak RSS {run.App.PeakResidentBytes / 1048576} MiB.");
    }
}
