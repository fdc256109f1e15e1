using System.Globalization;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Azure.Storage.Blobs.Specialized;

namespace Mailstrom.Durable.Content;

/// <summary>
/// Message content in an Azure Storage blob container (the task hub's storage account, or Azurite locally), one block
/// blob per email named by its id. The container is created on first use.
/// </summary>
public sealed class BlobMessageContentStore : IMessageContentStore
{
    private readonly BlobContainerClient _container;
    /// <summary>How long a start lock lasts if its holder never releases it (the shortest blob lease but one).</summary>
    public static readonly TimeSpan LockDuration = TimeSpan.FromSeconds(20);

    private const string FingerprintKey = "fingerprint";
    private const string PurgedUntilKey = "purgeduntil";

    private readonly ContainerCreation _creation;

    /// <summary>Creates the store over a container.</summary>
    /// <param name="container">The container; created if missing.</param>
    public BlobMessageContentStore(BlobContainerClient container)
    {
        ArgumentNullException.ThrowIfNull(container);
        _container = container;
        _creation = new ContainerCreation(container);
    }

    /// <inheritdoc />
    public async Task PutAsync(string emailId, ReadOnlyMemory<byte> content, string? fingerprint, CancellationToken cancellationToken)
    {
        await EnsureContainerAsync(cancellationToken);
        try
        {
            await _container.GetBlobClient(emailId).UploadAsync(
                BinaryData.FromBytes(content),
                new BlobUploadOptions
                {
                    Conditions = new BlobRequestConditions { IfNoneMatch = ETag.All },
                    Metadata = fingerprint is null ? null : new Dictionary<string, string> { [FingerprintKey] = fingerprint },
                },
                cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 409 or 412)
        {
            // Already stored by an earlier submission with the same id: the first bytes stay.
        }
    }

    /// <inheritdoc />
    public async Task<ReadOnlyMemory<byte>?> GetAsync(string emailId, CancellationToken cancellationToken)
    {
        await EnsureContainerAsync(cancellationToken);
        try
        {
            var download = await _container.GetBlobClient(emailId).DownloadContentAsync(cancellationToken);
            return download.Value.Content.ToMemory();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <inheritdoc />
    public async Task DeleteAsync(string emailId, DateTimeOffset? tombstoneUntil, CancellationToken cancellationToken)
    {
        await EnsureContainerAsync(cancellationToken);
        var blob = _container.GetBlobClient(emailId);
        if (tombstoneUntil is not { } until)
        {
            await blob.DeleteIfExistsAsync(cancellationToken: cancellationToken);
            return;
        }

        var metadata = new Dictionary<string, string> { [PurgedUntilKey] = until.UtcTicks.ToString(CultureInfo.InvariantCulture) };
        try
        {
            if ((await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value.Metadata.TryGetValue(FingerprintKey, out var fingerprint))
            {
                metadata[FingerprintKey] = fingerprint;
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // Nothing stored: the tombstone stands alone.
        }

        await blob.UploadAsync(BinaryData.Empty, new BlobUploadOptions { Metadata = metadata }, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<StartLock?> TryLockAsync(string emailId, CancellationToken cancellationToken)
    {
        var blob = _container.GetBlobClient(emailId);
        var lease = blob.GetBlobLeaseClient();
        try
        {
            await lease.AcquireAsync(LockDuration, cancellationToken: cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == 409)
        {
            return null;
        }

        var metadata = (await blob.GetPropertiesAsync(cancellationToken: cancellationToken)).Value.Metadata;
        return new StartLock(
            metadata.TryGetValue(FingerprintKey, out var fingerprint) ? fingerprint : null,
            metadata.TryGetValue(PurgedUntilKey, out var until) && long.TryParse(until, NumberStyles.None, CultureInfo.InvariantCulture, out var ticks)
                ? new DateTimeOffset(ticks, TimeSpan.Zero)
                : null,
            async () =>
            {
                try
                {
                    await lease.ReleaseAsync();
                }
                catch (RequestFailedException)
                {
                    // The lease lapses by itself.
                }
            });
    }

    private Task EnsureContainerAsync(CancellationToken cancellationToken) => _creation.EnsureAsync(cancellationToken);
}
