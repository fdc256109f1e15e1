using Mailstrom.Testing.Storage;
using Microsoft.Data.Sqlite;

namespace Mailstrom.Storage.Sqlite.Tests.Writing;

/// <summary>Writes that arrive together share one commit, yet each succeeds, fails or is cancelled on its own.</summary>
public sealed class GroupCommitWriterTests : IDisposable
{
    private const int Timeout = 30_000;
    private static DateTimeOffset T0 => StoreTestData.T0;
    private readonly TempDatabase _database = new();

    public void Dispose() => _database.Delete();

    [Fact(Timeout = Timeout)]
    public async Task Create_ManyConcurrent_EveryOneIsCommittedAndSurvivesReopen()
    {
        const int count = 200;
        using (var store = _database.Open())
        {
            var results = await Task.WhenAll(Enumerable.Range(0, count).Select(i =>
                Task.Run(() => store.CreateAsync(StoreTestData.Email($"email-{i}", T0.AddTicks(i), recipients: 2), default))));

            Assert.All(results, r => Assert.Equal(CreateEmailOutcome.Created, r.Outcome));
        }

        using var reopened = _database.Open();
        for (var i = 0; i < count; i++)
        {
            var status = await reopened.GetStatusAsync($"email-{i}", default);
            Assert.NotNull(status);
            Assert.Equal(2, status.Recipients.Count);
        }
    }

    [Fact(Timeout = Timeout)]
    public async Task Dispose_WhileWritesAreQueued_EachWriteEitherCommitsOrFailsAsDisposed()
    {
        const int count = 200;
        var store = _database.Open();
        await store.CreateAsync(StoreTestData.Email("first", T0), default);
        var writes = Enumerable.Range(0, count)
            .Select(i => Task.Run(() => store.CreateAsync(StoreTestData.Email($"email-{i}", T0.AddTicks(i)), default)))
            .ToList();

        store.Dispose();
        var outcomes = new List<bool>();
        foreach (var write in writes)
        {
            try
            {
                await write;
                outcomes.Add(true);
            }
            catch (ObjectDisposedException)
            {
                outcomes.Add(false);
            }
        }

        using var reopened = _database.Open();
        for (var i = 0; i < count; i++)
        {
            Assert.Equal(outcomes[i], await reopened.GetStatusAsync($"email-{i}", default) is not null);
        }
    }

    [Fact(Timeout = Timeout)]
    public async Task Create_DuplicateAmongConcurrentWrites_FailsAloneAndTheOthersCommit()
    {
        using var store = _database.Open();
        await store.CreateAsync(StoreTestData.Email("taken", T0), default);

        var writes = Enumerable.Range(0, 50)
            .Select(i => i == 25 ? "taken" : $"email-{i}")
            .Select(id => Task.Run(() => store.CreateAsync(StoreTestData.Email(id, T0.AddSeconds(1)), default)))
            .ToList();
        await Task.WhenAll(writes).ContinueWith(_ => { }, TaskScheduler.Default);

        var duplicate = await Assert.ThrowsAsync<SqliteException>(() => writes[25]);
        Assert.Equal(19, duplicate.SqliteErrorCode);
        Assert.All(writes.Where((_, i) => i != 25), w => Assert.Equal(CreateEmailOutcome.Created, w.Result.Outcome));
        for (var i = 0; i < 50; i++)
        {
            Assert.Equal(i != 25, await store.GetStatusAsync($"email-{i}", default) is not null);
        }

        var taken = await store.GetStatusAsync("taken", default);
        Assert.Equal(T0, taken!.CreatedTime);
    }

    [Fact(Timeout = Timeout)]
    public async Task Create_CancelledWhileOthersWrite_WritesNothingForTheCancelledOne()
    {
        using var store = _database.Open();
        using var cancelled = new CancellationTokenSource();
        await cancelled.CancelAsync();

        var writes = Enumerable.Range(0, 20)
            .Select(i => Task.Run(() => store.CreateAsync(
                StoreTestData.Email($"email-{i}", T0), i % 2 == 0 ? cancelled.Token : CancellationToken.None)))
            .ToList();
        await Task.WhenAll(writes).ContinueWith(_ => { }, TaskScheduler.Default);

        for (var i = 0; i < 20; i++)
        {
            if (i % 2 == 0)
            {
                await Assert.ThrowsAnyAsync<OperationCanceledException>(() => writes[i]);
                Assert.Null(await store.GetStatusAsync($"email-{i}", default));
            }
            else
            {
                Assert.Equal(CreateEmailOutcome.Created, (await writes[i]).Outcome);
                Assert.NotNull(await store.GetStatusAsync($"email-{i}", default));
            }
        }
    }
}
