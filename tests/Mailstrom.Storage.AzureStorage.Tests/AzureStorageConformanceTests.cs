using Mailstrom.Testing.Storage;

namespace Mailstrom.Storage.AzureStorage.Tests;

/// <summary>The shared store conformance suite, run against Azurite with fresh tables, queues and container per test.</summary>
public sealed class AzureStorageConformanceTests : StoreConformanceTests
{
    private readonly AzuriteAccount _account = new();
    private AzureStorageMailstromStore? _store;

    protected override async Task<(IEmailStore Store, IDeliveryQueue Queue)> CreateStoreAsync()
    {
        _store = _account.Open();
        await _store.EnsureCreatedAsync(CancellationToken.None);
        return (_store, _store);
    }

    protected override async Task DisposeStoreAsync()
    {
        _store?.Dispose();
        await _account.DeleteAsync();
    }
}
