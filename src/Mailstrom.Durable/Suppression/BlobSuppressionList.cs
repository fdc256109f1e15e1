using System.Buffers.Text;
using System.Text.Json;
using Azure;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using Mailstrom.Durable.Content;
using Mailstrom.Model;
using Mailstrom.Storage;
using Mailstrom.Suppression;

namespace Mailstrom.Durable.Suppression;

/// <summary>
/// The Durable engine's suppression list in an Azure Storage blob container (the task hub's account, or Azurite locally):
/// one empty block blob per address, named by the escaped address (<see cref="Uri.EscapeDataString(string)"/>), with the
/// entry in its metadata, so a lookup is one HEAD request and a listing page is one list request. The container is
/// created on first use.
/// </summary>
public sealed class BlobSuppressionList : ISuppressionList
{
    /// <summary>The engine tag of the listing's continuation tokens.</summary>
    public const string TokenEngine = "b1";

    private const string EntryKey = "entry";

    private readonly BlobContainerClient _container;
    private readonly ContainerCreation _creation;

    /// <summary>Creates the list over a container.</summary>
    /// <param name="container">The container; created if missing.</param>
    public BlobSuppressionList(BlobContainerClient container)
    {
        ArgumentNullException.ThrowIfNull(container);
        _container = container;
        _creation = new ContainerCreation(container);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyDictionary<string, SuppressionEntry>> FindAsync(IReadOnlyCollection<string> addresses, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        var found = new Dictionary<string, SuppressionEntry>(StringComparer.Ordinal);
        if (addresses.Count == 0)
        {
            return found;
        }

        await EnsureContainerAsync(cancellationToken);
        var lookups = await Task.WhenAll(addresses.Select(address => GetAsync(address, cancellationToken)));
        foreach (var entry in lookups.OfType<SuppressionEntry>())
        {
            found[entry.Address] = entry;
        }

        return found;
    }

    /// <inheritdoc />
    public async Task AddAsync(IReadOnlyList<SuppressionEntry> entries, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.Count == 0)
        {
            return;
        }

        await EnsureContainerAsync(cancellationToken);
        await Task.WhenAll(entries.Select(entry => _container.GetBlobClient(BlobName(entry.Address)).UploadAsync(
            BinaryData.Empty,
            new BlobUploadOptions { Metadata = new Dictionary<string, string> { [EntryKey] = Encode(entry) } },
            cancellationToken)));
    }

    /// <inheritdoc />
    public async Task<bool> RemoveAsync(string address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        await EnsureContainerAsync(cancellationToken);
        return (await _container.GetBlobClient(BlobName(address)).DeleteIfExistsAsync(cancellationToken: cancellationToken)).Value;
    }

    /// <inheritdoc />
    public async Task<SuppressionPage> ListAsync(SuppressionQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var position = query.ContinuationToken is { } token ? ContinuationTokens.Decode(TokenEngine, token) : null;
        await EnsureContainerAsync(cancellationToken);
        var limit = Math.Clamp(query.Limit, 1, SuppressionQuery.MaxLimit);
        try
        {
            await foreach (var page in _container.GetBlobsAsync(BlobTraits.Metadata, BlobStates.None, prefix: null, cancellationToken)
                .AsPages(position, limit))
            {
                var items = page.Values
                    .Select(blob => blob.Metadata is { } metadata && metadata.TryGetValue(EntryKey, out var value) ? Decode(value) : null)
                    .OfType<SuppressionEntry>()
                    .ToList();
                var next = string.IsNullOrEmpty(page.ContinuationToken) ? null : ContinuationTokens.Encode(TokenEngine, page.ContinuationToken);
                return new SuppressionPage(items, next);
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 400 && position is not null)
        {
            throw new InvalidContinuationTokenException("The continuation token was altered: pass back the token returned with the previous page unchanged, or start again without one.", ex);
        }

        return new SuppressionPage([], null);
    }

    private async Task<SuppressionEntry?> GetAsync(string address, CancellationToken cancellationToken)
    {
        try
        {
            var properties = await _container.GetBlobClient(BlobName(address)).GetPropertiesAsync(cancellationToken: cancellationToken);
            return properties.Value.Metadata.TryGetValue(EntryKey, out var value) ? Decode(value) : null;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    /// <summary>The blob that holds an address: its escaped form, so any address is a valid, flat blob name.</summary>
    private static string BlobName(string address) => Uri.EscapeDataString(address);

    private static string Encode(SuppressionEntry entry) => Base64Url.EncodeToString(JsonSerializer.SerializeToUtf8Bytes(entry));

    private static SuppressionEntry? Decode(string value)
    {
        try
        {
            return JsonSerializer.Deserialize<SuppressionEntry>(Base64Url.DecodeFromChars(value));
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return null;
        }
    }

    private Task EnsureContainerAsync(CancellationToken cancellationToken) => _creation.EnsureAsync(cancellationToken);
}
