using Mailstrom.Suppression;
using Mailstrom.Testing.Suppression;

namespace Mailstrom.Storage.Sqlite.Tests.Suppression;

/// <summary>The shared suppression list conformance suite, run against a SQLite file per test.</summary>
public sealed class SqliteSuppressionListConformanceTests : SuppressionListConformanceTests
{
    private readonly TempDatabase _database = new();
    private SqliteMailstromStore? _store;

    protected override Task<ISuppressionList> CreateListAsync()
    {
        _store = _database.Open();
        return Task.FromResult<ISuppressionList>(_store);
    }

    protected override async Task DisposeListAsync()
    {
        if (_store is not null)
        {
            await _store.DisposeAsync();
        }

        _database.Delete();
    }
}
