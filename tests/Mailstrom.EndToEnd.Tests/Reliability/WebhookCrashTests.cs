using System.Globalization;
using Mailstrom.EndToEnd.Tests.Infrastructure;
using Mailstrom.Testing.Rig;
using Mailstrom.Testing.Webhooks;
using Xunit.Abstractions;

namespace Mailstrom.EndToEnd.Tests.Reliability;

/// <summary>
/// The app as a real process with a webhook endpoint at a receiver in this test: killed (SIGKILL) with every event still
/// pending because the receiver was down, and killed again while it posts them. Nothing is lost, and duplicates (possible
/// only for requests in flight at a kill) stay within that bound.
/// </summary>
[RigTest]
[Collection(LoadOneSink.Name)]
public sealed class WebhookCrashTests(ITestOutputHelper output)
{
    private const int Emails = 40;
    private const int MaxConcurrency = 8;
    private static readonly TimeSpan Within = TimeSpan.FromMinutes(3);
    private static readonly string Secret = "whsec_" + Convert.ToBase64String(Enumerable.Range(40, 32).Select(i => (byte)i).ToArray());

    [Theory]
    [InlineData(Engine.Native)]
    [InlineData(Engine.Durable)]
    public async Task SigKill_WithEventsPending_AndAgainWhilePosting_LosesNoEvent_AndBoundsDuplicates(Engine engine)
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        await receiver.StopAsync();
        var settings = EngineSettings.For(engine, EngineSettings.NewStore(engine));
        settings["Mailstrom:Durable:MaxConcurrentActivities"] = MaxConcurrency.ToString(CultureInfo.InvariantCulture);
        settings["Mailstrom:Webhooks:AllowHttp"] = "true";
        settings["Mailstrom:Webhooks:AllowPrivateDestinations"] = "true";
        settings["Mailstrom:Webhooks:InitialRetryDelay"] = "00:00:01";
        settings["Mailstrom:Webhooks:MaxRetryDelay"] = "00:00:02";
        settings["Mailstrom:Webhooks:Timeout"] = "00:00:02";
        settings["Mailstrom:Webhooks:MaxConcurrency"] = MaxConcurrency.ToString(CultureInfo.InvariantCulture);
        settings["Mailstrom:Webhooks:Endpoints:e2e:Url"] = receiver.Url.ToString();
        settings["Mailstrom:Webhooks:Endpoints:e2e:Secret"] = Secret;
        await using var run = await CrashRun.StartAsync(settings);

        // Everything is delivered while the receiver is down: every event waits, in the outbox or in retry instances.
        await run.StartAppAsync(worker: true);
        await run.SubmitAsync(Emails);
        await run.WaitUntilAllFinalAsync(Within);
        await run.App!.KillAsync();

        // The receiver comes back, slow enough that the app is killed again with requests in flight.
        receiver.ResponseDelay = TimeSpan.FromMilliseconds(200);
        await receiver.StartAsync();
        await run.StartAppAsync(worker: true);
        await receiver.WaitForAcceptedAsync(Emails / 2, Within);
        await run.App!.KillAsync();
        output.WriteLine($"{engine}: killed with {receiver.Accepted.Count} of {2 * Emails} events taken");

        await run.StartAppAsync(worker: true);
        var expected = run.Ids.SelectMany(id => new[] { $"evt_{id}_r0_a1_delivered", $"evt_{id}_completed" }).ToHashSet();
        await receiver.WaitForAcceptedIdsAsync(expected, Within);
        var accepted = receiver.Accepted;

        var distinct = accepted.Select(r => r.Id).Distinct().ToList();
        Assert.Equal(expected.Order(), distinct.Order());
        Assert.All(accepted, r => Assert.True(r.IsSignedWith(Secret)));
        var duplicates = accepted.Count - distinct.Count;
        output.WriteLine($"{engine}: {accepted.Count} events taken, {distinct.Count} distinct, {duplicates} duplicates");
        // A duplicate is a post the receiver took whose success the app had not recorded when it was killed. Native: the
        // outbox records a success right after the answer, so only the posts in flight (MaxConcurrency) can repeat.
        // Durable: an activity's result is written to the task hub after the activity returns, so besides the activities
        // in flight (MaxConcurrentActivities) one more slot's worth may have been answered but not yet recorded.
        var bound = engine == Engine.Native ? MaxConcurrency : 2 * MaxConcurrency;
        Assert.InRange(duplicates, 0, bound);
    }
}
