using Mailstrom.Testing.Rig;
using Xunit.Abstractions;

using Mailstrom.EndToEnd.Tests.Infrastructure;

namespace Mailstrom.EndToEnd.Tests.Reliability;

/// <summary>
/// The app as a real process, killed and restarted while it delivers to an smtp-sink: nothing accepted is lost, and
/// duplicates (possible only for attempts in flight at the moment of a crash) stay within that bound.
/// </summary>
[RigTest]
[Collection(LoadOneSink.Name)]
public sealed class CrashRecoveryTests(ITestOutputHelper output)
{
    private const int MaxConcurrency = 32;

    private static Dictionary<string, string> Store(Engine engine)
    {
        var settings = EngineSettings.For(engine, EngineSettings.NewStore(engine));
        settings["Mailstrom:Delivery:MaxConcurrency"] = MaxConcurrency.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Mailstrom:Delivery:MaxConcurrencyPerDomain"] = MaxConcurrency.ToString(System.Globalization.CultureInfo.InvariantCulture);
        settings["Mailstrom:Durable:MaxConcurrentActivities"] = MaxConcurrency.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return settings;
    }

    [Theory]
    [InlineData(Engine.Native)]
    [InlineData(Engine.Durable)]
    public async Task SigKill_ThreeTimesWhileDelivering_LosesNothingAndBoundsDuplicates(Engine engine)
    {
        // The Durable engine on Azurite delivers some 50-100 recipients a second here: 1,000 keep the run short.
        var count = engine == Engine.Native ? 5000 : 1000;
        var seed = Environment.TickCount;
        var random = new Random(seed);
        output.WriteLine($"{engine}: seed {seed}");
        await using var run = await CrashRun.StartAsync(Store(engine));

        // The native engine accepts with its worker off; the Durable engine delivers while it accepts, so that first
        // kill may also cut attempts in flight.
        await run.StartAppAsync(worker: false);
        await run.SubmitAsync(count);
        await run.App!.KillAsync();
        var kills = engine == Engine.Native ? 0 : 1;

        // Three kills at random points of the delivery, each after the sink has counted a random share of the mail.
        double[][] windows = [[0.05, 0.25], [0.35, 0.55], [0.65, 0.85]];
        foreach (var window in windows)
        {
            var at = (long)(count * (window[0] + (random.NextDouble() * (window[1] - window[0]))));
            await run.StartAppAsync(worker: true);
            await run.Sink.WaitForMessagesAsync(at, TimeSpan.FromMinutes(3));
            await run.App!.KillAsync();
            kills++;
            output.WriteLine($"killed at sink count {run.Sink.Messages} (target {at})");
        }

        await run.StartAppAsync(worker: true);
        await run.WaitUntilAllFinalAsync(TimeSpan.FromMinutes(5));
        var emails = await run.ListAllAsync();

        Assert.Equal(count, emails.Count);
        Assert.Equal(run.Ids.Order(), emails.Select(e => e.InstanceId).Order());
        Assert.All(emails, e =>
        {
            Assert.Equal("Completed", e.RuntimeStatus);
            Assert.Equal("Delivered", Assert.Single(e.CustomStatus.Recipients).Status);
        });
        var duplicates = run.Sink.Messages - count;
        output.WriteLine($"delivered {count}, sink counted {run.Sink.Messages}, duplicates {duplicates}");
        Assert.InRange(duplicates, 0, kills * MaxConcurrency);
    }

    [Theory]
    [InlineData(Engine.Native)]
    [InlineData(Engine.Durable)]
    public async Task SigTerm_WhileDelivering_FinishesInFlightAttemptsWithoutDuplicates(Engine engine)
    {
        const int count = 1000;
        await using var run = await CrashRun.StartAsync(Store(engine));
        await run.StartAppAsync(worker: false);
        await run.SubmitAsync(count);
        await run.App!.KillAsync();

        await run.StartAppAsync(worker: true);
        await run.Sink.WaitForMessagesAsync(count / 3, TimeSpan.FromMinutes(2));
        await run.App!.TerminateAsync();
        output.WriteLine($"stopped at sink count {run.Sink.Messages}, exit code {run.App.ExitCode}");
        Assert.Equal(0, run.App.ExitCode);

        await run.StartAppAsync(worker: true);
        await run.WaitUntilAllFinalAsync(TimeSpan.FromMinutes(3));
        var emails = await run.ListAllAsync();

        Assert.Equal(count, emails.Count);
        Assert.All(emails, e => Assert.Equal("Delivered", Assert.Single(e.CustomStatus.Recipients).Status));
        Assert.Equal(count, run.Sink.Messages);
    }

    [Fact]
    public async Task AzuriteFrozenFor30Seconds_TheDurableEngineRecovers_LosingNothing()
    {
        const int count = 100;
        await using var azurite = await AzuriteProcess.StartAsync();
        var settings = Store(Engine.Durable);
        settings["Mailstrom:Durable:ConnectionString"] = azurite.ConnectionString;
        await using var run = await CrashRun.StartAsync(settings);
        await run.StartAppAsync(worker: true);
        await run.SubmitAsync(count);
        await run.Sink.WaitForMessagesAsync(count / 4, TimeSpan.FromMinutes(3));

        await azurite.FreezeAsync();
        var frozenAt = run.Sink.Messages;
        await Task.Delay(TimeSpan.FromSeconds(30)); // the outage itself, not a wait for a condition
        await azurite.ThawAsync();
        output.WriteLine($"froze at sink count {frozenAt}");

        await run.WaitUntilAllFinalAsync(TimeSpan.FromMinutes(3));
        var emails = await run.ListAllAsync();

        Assert.Equal(count, emails.Count);
        Assert.All(emails, e => Assert.Equal("Delivered", Assert.Single(e.CustomStatus.Recipients).Status));
        var duplicates = run.Sink.Messages - count;
        output.WriteLine($"sink counted {run.Sink.Messages}, duplicates {duplicates}");
        Assert.InRange(duplicates, 0, MaxConcurrency);
    }
}
