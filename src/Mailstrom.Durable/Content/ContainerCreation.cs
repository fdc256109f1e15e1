using Azure.Storage.Blobs;

namespace Mailstrom.Durable.Content;

/// <summary>Creates a blob container on first use, once per process (the blob stores of the Durable engine share it).</summary>
internal sealed class ContainerCreation(BlobContainerClient container)
{
    private volatile bool _created;

    /// <summary>Creates the container if this process has not yet seen it exist.</summary>
    public async Task EnsureAsync(CancellationToken cancellationToken)
    {
        if (!_created)
        {
            await container.CreateIfNotExistsAsync(cancellationToken: cancellationToken);
            _created = true;
        }
    }
}
