using Mailstrom.Testing.Storage;

namespace Mailstrom.Storage.Sqlite.Tests;

/// <summary>The shared store conformance suite, run against a SQLite file per test.</summary>
public sealed class SqliteStoreConformanceTests : StoreConformanceTests
{
    private readonly TempDatabase _database = new();
    private SqliteMailstromStore? _store;

    /// <inheritdoc />
    protected override bool CompletesGroups => true;

    protected override Task<(IEmailStore Store, IDeliveryQueue Queue)> CreateStoreAsync()
    {
        _store = _database.Open();
        return Task.FromResult<(IEmailStore, IDeliveryQueue)>((_store, _store));
    }

    protected override async Task DisposeStoreAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        _database.Delete();
    }
}
