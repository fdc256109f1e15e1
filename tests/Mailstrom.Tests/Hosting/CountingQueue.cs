using Mailstrom.Storage;

namespace Mailstrom.Tests.Hosting;

/// <summary>A delivery queue that counts the worker's claims and passes every call on to the real store.</summary>
internal sealed class CountingQueue : IDeliveryQueue
{
    private IDeliveryQueue _inner = null!;
    private int _claims;

    public int Claims => Volatile.Read(ref _claims);

    public IDeliveryQueue Wrap(IDeliveryQueue inner)
    {
        _inner = inner;
        return this;
    }

    public Task<IReadOnlyList<DeliveryWorkItem>> ClaimDueAsync(ClaimRequest request, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _claims);
        return _inner.ClaimDueAsync(request, cancellationToken);
    }

    public Task<ReadOnlyMemory<byte>?> GetContentAsync(string emailId, CancellationToken cancellationToken) =>
        _inner.GetContentAsync(emailId, cancellationToken);

    public Task<int> RecordAsync(IReadOnlyList<RecipientResult> results, CancellationToken cancellationToken) =>
        _inner.RecordAsync(results, cancellationToken);

    public Task ReleaseAsync(IReadOnlyList<DeliveryWorkItem> items, CancellationToken cancellationToken) =>
        _inner.ReleaseAsync(items, cancellationToken);

    public Task<DateTimeOffset?> GetNextDueTimeAsync(CancellationToken cancellationToken) =>
        _inner.GetNextDueTimeAsync(cancellationToken);

    public Task<int> ReleaseLeasesOfGoneOwnersAsync(Func<string, bool> ownerIsGone, DateTimeOffset now, CancellationToken cancellationToken) =>
        _inner.ReleaseLeasesOfGoneOwnersAsync(ownerIsGone, now, cancellationToken);
}
