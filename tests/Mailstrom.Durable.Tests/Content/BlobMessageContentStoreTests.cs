using Azure.Storage.Blobs;
using Mailstrom.Durable.Content;
using Mailstrom.Testing.Rig;

namespace Mailstrom.Durable.Tests.Content;

/// <summary>The content store on the rig's Azurite: a container of its own per test.</summary>
[RigTest]
public sealed class BlobMessageContentStoreTests
{
    private static BlobMessageContentStore NewStore() => new(new BlobContainerClient(
        RigEnvironment.Current.Get("AZURITE_CONNECTION_STRING"), $"content-{Guid.NewGuid():N}"));

    [Fact]
    public async Task Put_ThenGet_ReturnsTheSameBytes_CreatingTheContainerOnFirstUse()
    {
        var store = NewStore();
        var bytes = new byte[300_000];
        Random.Shared.NextBytes(bytes);

        await store.PutAsync("email-1", bytes, null, CancellationToken.None);
        var read = await store.GetAsync("email-1", CancellationToken.None);

        Assert.Equal(bytes, read!.Value.ToArray());
    }

    [Fact]
    public async Task Put_Twice_KeepsTheFirstBytesAndFingerprint()
    {
        var store = NewStore();

        await store.PutAsync("email-2", "first"u8.ToArray(), "fingerprint-1", CancellationToken.None);
        await store.PutAsync("email-2", "second"u8.ToArray(), "fingerprint-2", CancellationToken.None);

        Assert.Equal("first"u8.ToArray(), (await store.GetAsync("email-2", CancellationToken.None))!.Value.ToArray());
        await using var startLock = await store.TryLockAsync("email-2", CancellationToken.None);
        Assert.Equal("fingerprint-1", startLock!.Fingerprint);
    }

    [Fact]
    public async Task TryLock_IsExclusive_UntilReleased()
    {
        var store = NewStore();
        await store.PutAsync("email-4", "bytes"u8.ToArray(), null, CancellationToken.None);

        var first = await store.TryLockAsync("email-4", CancellationToken.None);
        var second = await store.TryLockAsync("email-4", CancellationToken.None);
        await first!.DisposeAsync();
        var third = await store.TryLockAsync("email-4", CancellationToken.None);

        Assert.Null(second);
        Assert.NotNull(third);
        Assert.Null(first.Fingerprint);
        await third.DisposeAsync();
    }

    [Fact]
    public async Task Get_Unknown_IsNull_AndDelete_RemovesAndIsSafeToRepeat()
    {
        var store = NewStore();
        await store.PutAsync("email-3", "bytes"u8.ToArray(), null, CancellationToken.None);

        await store.DeleteAsync("email-3", null, CancellationToken.None);
        await store.DeleteAsync("email-3", null, CancellationToken.None);

        Assert.Null(await store.GetAsync("email-3", CancellationToken.None));
        Assert.Null(await store.GetAsync("never-stored", CancellationToken.None));
    }

    [Fact]
    public async Task Delete_WithATombstone_DropsTheBytes_AndTheLockShowsTheFingerprintAndUntilWhen()
    {
        var store = NewStore();
        var until = new DateTimeOffset(2026, 12, 5, 12, 0, 0, TimeSpan.Zero);
        await store.PutAsync("email-5", "bytes"u8.ToArray(), "fingerprint-5", CancellationToken.None);

        await store.DeleteAsync("email-5", until, CancellationToken.None);

        await using var startLock = await store.TryLockAsync("email-5", CancellationToken.None);
        Assert.Equal(0, (await store.GetAsync("email-5", CancellationToken.None))!.Value.Length);
        Assert.Equal("fingerprint-5", startLock!.Fingerprint);
        Assert.Equal(until, startLock.PurgedUntil);
    }
}
