using Mailstrom.Model;
using Mailstrom.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace Mailstrom.Tests.Hosting;

/// <summary>The store becoming unavailable under the worker: it backs off, logs once per episode, and recovers.</summary>
public sealed class StoreOutageTests
{
    private const int StoreUnavailable = 1002;
    private const int StoreRecovered = 1003;
    private const int StoreStillUnavailable = 1010;

    [Fact]
    public async Task Worker_WhenSqliteIsLockedByAnotherWriter_LogsOnceBacksOffAndRecovers()
    {
        var agent = new ControllableAgent(holdBatches: false);
        await using var host = new WorkerHost(agent, busyTimeout: TimeSpan.FromMilliseconds(100));
        await host.StartAsync();
        var before = await host.SendAsync("before@one.example");
        await host.WaitForAsync(before, s => s.RuntimeStatus == RuntimeStatus.Completed);

        await using (var locker = new SqliteConnection($"Data Source={host.DatabasePath};Pooling=False"))
        {
            await locker.OpenAsync();
            using (var begin = locker.CreateCommand())
            {
                begin.CommandText = "BEGIN EXCLUSIVE;";
                await begin.ExecuteNonQueryAsync();
            }

            // Several claims fail while the lock is held: wait until the worker has backed off three times.
            await WaitUntilAsync(() => host.Logs.GetSnapshot().Count(r => r.Id.Id == StoreStillUnavailable) >= 3);
            var unavailable = await Assert.ThrowsAsync<StoreUnavailableException>(() => host.SendAsync("during@one.example"));
            Assert.IsType<SqliteException>(unavailable.InnerException);

            using var rollback = locker.CreateCommand();
            rollback.CommandText = "ROLLBACK;";
            await rollback.ExecuteNonQueryAsync();
        }

        var after = await host.SendAsync("after@one.example");
        var status = await host.WaitForAsync(after, s => s.RuntimeStatus == RuntimeStatus.Completed);
        await host.Host.StopAsync();

        Assert.Equal(DeliveryStatus.Delivered, status.Recipients[0].Status);
        var records = host.Logs.GetSnapshot();
        Assert.Equal(1, records.Count(r => r.Id.Id == StoreUnavailable && r.Level == LogLevel.Error));
        Assert.Equal(1, records.Count(r => r.Id.Id == StoreRecovered));
        Assert.True(records.Count(r => r.Id.Id == StoreStillUnavailable) >= 3);
        Assert.Equal(2, agent.Calls);
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        while (!condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
