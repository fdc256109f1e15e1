using Azure.Storage.Blobs;
using Mailstrom.Durable.Suppression;
using Mailstrom.Suppression;
using Mailstrom.Testing.Rig;
using Mailstrom.Testing.Suppression;

namespace Mailstrom.Durable.Tests.Suppression;

/// <summary>The shared suppression list conformance suite, run against a fresh container on the rig's Azurite per test.</summary>
[RigTest]
public sealed class BlobSuppressionListConformanceTests : SuppressionListConformanceTests
{
    private BlobContainerClient? _container;

    protected override Task<ISuppressionList> CreateListAsync()
    {
        _container = new BlobContainerClient(RigEnvironment.Current.Get("AZURITE_CONNECTION_STRING"), $"suppressions-{Guid.NewGuid():N}");
        return Task.FromResult<ISuppressionList>(new BlobSuppressionList(_container));
    }

    protected override async Task DisposeListAsync()
    {
        if (_container is not null)
        {
            await _container.DeleteIfExistsAsync();
        }
    }
}

/// <summary>The shared suite against the in-memory test double, so the double used by the in-process hosts behaves like the real lists.</summary>
public sealed class MemorySuppressionListConformanceTests : SuppressionListConformanceTests
{
    protected override Task<ISuppressionList> CreateListAsync() => Task.FromResult<ISuppressionList>(new MemorySuppressionList());
}
