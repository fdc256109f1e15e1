using Mailstrom.Model;
using Mailstrom.Storage;

namespace Mailstrom.Testing.Storage;

/// <summary>
/// The behaviour every store backend must show, run against a fresh store per test. A backend's test project derives
/// from this class and supplies the store. Times are explicit (<see cref="StoreTestData.T0"/> plus offsets); nothing
/// sleeps.
/// </summary>
public abstract partial class StoreConformanceTests : IAsyncLifetime
{
    /// <summary>Every test waits on I/O, so every test has this timeout (milliseconds).</summary>
    protected const int Timeout = 30_000;

    /// <summary>The lease duration used by claims in these tests.</summary>
    protected static readonly TimeSpan Lease = TimeSpan.FromMinutes(5);

    protected static DateTimeOffset T0 => StoreTestData.T0;

    protected IEmailStore Store { get; private set; } = null!;

    protected IDeliveryQueue Queue { get; private set; } = null!;

    protected static CancellationToken None => CancellationToken.None;

    /// <summary>Creates an empty store for one test.</summary>
    protected abstract Task<(IEmailStore Store, IDeliveryQueue Queue)> CreateStoreAsync();

    /// <summary>Disposes what <see cref="CreateStoreAsync"/> created and removes its data.</summary>
    protected virtual Task DisposeStoreAsync() => Task.CompletedTask;

    public async Task InitializeAsync() => (Store, Queue) = await CreateStoreAsync();

    public Task DisposeAsync() => DisposeStoreAsync();

    protected async Task<string> CreateAsync(string id, DateTimeOffset created, int recipients = 2)
    {
        var result = await Store.CreateAsync(StoreTestData.Email(id, created, recipients), None);
        Assert.Equal(new CreateEmailResult(CreateEmailOutcome.Created, id), result);
        return id;
    }

    protected Task<IReadOnlyList<DeliveryWorkItem>> ClaimAsync(DateTimeOffset now, int maxItems = 100) =>
        Queue.ClaimDueAsync(new ClaimRequest("worker-1", now, Lease, maxItems), None);

    protected async Task<EmailStatus> GetAsync(string id)
    {
        var status = await Store.GetStatusAsync(id, None);
        Assert.NotNull(status);
        return status;
    }

    protected static void AssertUtc(DateTimeOffset? time)
    {
        if (time is { } t)
        {
            Assert.Equal(TimeSpan.Zero, t.Offset);
        }
    }
}
