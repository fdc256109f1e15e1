using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Queues;
using Mailstrom.Storage.AzureStorage.Diagnostics;
using Mailstrom.Storage.AzureStorage.Entities;
using Mailstrom.Storage.AzureStorage.Internal;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Mailstrom.Storage.AzureStorage;

/// <summary>
/// The store on Azure Storage. Tables hold the truth: one partition per email (the email entity and one entity per
/// recipient), changed in entity-group transactions conditioned on the email entity's ETag. Queues carry the timers
/// and leases: one wake-up message per pending recipient, hidden until it is due or its lease lapses; a received
/// message is judged against the table, never trusted. Message content lives in a blob per email. Index tables list
/// emails newest first, track the active emails (for the next due time and the lost-message sweep) and hold
/// idempotency keys. Several store instances (processes) can share one account.
/// </summary>
public sealed partial class AzureStorageMailstromStore : IEmailStore, IDeliveryQueue, IDisposable
{
    /// <summary>Entities per entity-group transaction (Azure's limit is 100).</summary>
    private const int BatchSize = 100;

    /// <summary>How often one change is retried after losing an ETag race before the conflict is reported.</summary>
    private const int MaxConflictRetries = 16;

    /// <summary>Independent per-email (or per-message) calls one store operation makes at a time.</summary>
    private const int StoreConcurrency = 16;

    /// <summary>Receives one claim makes at most.</summary>
    private const int MaxReceives = 16;

    private readonly AzureStorageOptions _options;
    private readonly TimeProvider _timeProvider;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _createLock = new(1, 1);
    private volatile bool _created;

    /// <summary>Creates a store on the account and names given by <paramref name="options"/>; tables, queues and the
    /// container are created on first use.</summary>
    /// <param name="options">The connection string, name prefix and limits.</param>
    /// <param name="timeProvider">The clock for queue visibility delays and housekeeping.</param>
    /// <param name="logger">The logger; none when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="OptionsValidationException">The options are invalid.</exception>
    /// <exception cref="FormatException">The connection string cannot be parsed.</exception>
    public AzureStorageMailstromStore(AzureStorageOptions options, TimeProvider? timeProvider = null, ILogger<AzureStorageMailstromStore>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var validation = new AzureStorageOptionsValidator().Validate(Options.DefaultName, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(AzureStorageOptions), validation.Failures);
        }

        _options = options;
        _timeProvider = timeProvider ?? TimeProvider.System;
        _logger = (ILogger?)logger ?? NullLogger.Instance;
        Names = new StorageNames(options.NamePrefix);
        var tables = new TableServiceClient(options.ConnectionString);
        Emails = tables.GetTableClient(Names.EmailsTable);
        Listing = tables.GetTableClient(Names.ListingTable);
        Active = tables.GetTableClient(Names.ActiveTable);
        Keys = tables.GetTableClient(Names.KeysTable);
        var queues = new QueueServiceClient(options.ConnectionString);
        WorkQueue = queues.GetQueueClient(Names.WorkQueue);
        PoisonQueue = queues.GetQueueClient(Names.PoisonQueue);
        Content = new BlobServiceClient(options.ConnectionString).GetBlobContainerClient(Names.ContentContainer);
        _nextSweep = _timeProvider.GetUtcNow() + options.SweepInterval;
    }

    internal StorageNames Names { get; }

    /// <summary>Releases the store's lock; the Azure clients hold no unmanaged resources.</summary>
    public void Dispose() => _createLock.Dispose();

    internal TableClient Emails { get; }

    internal TableClient Listing { get; }

    internal TableClient Active { get; }

    internal TableClient Keys { get; }

    internal QueueClient WorkQueue { get; }

    internal QueueClient PoisonQueue { get; }

    internal BlobContainerClient Content { get; }

    /// <summary>Creates the tables, queues and container if they do not exist (once per store instance).</summary>
    /// <param name="cancellationToken">Cancels the calls.</param>
    /// <returns>A task that completes when everything exists.</returns>
    /// <exception cref="RequestFailedException">The account refused a request.</exception>
    public async Task EnsureCreatedAsync(CancellationToken cancellationToken)
    {
        if (_created)
        {
            return;
        }

        await _createLock.WaitAsync(cancellationToken);
        try
        {
            if (_created)
            {
                return;
            }

            await Task.WhenAll(
                Emails.CreateIfNotExistsAsync(cancellationToken),
                Listing.CreateIfNotExistsAsync(cancellationToken),
                Active.CreateIfNotExistsAsync(cancellationToken),
                Keys.CreateIfNotExistsAsync(cancellationToken),
                WorkQueue.CreateIfNotExistsAsync(cancellationToken: cancellationToken),
                PoisonQueue.CreateIfNotExistsAsync(cancellationToken: cancellationToken),
                Content.CreateIfNotExistsAsync(cancellationToken: cancellationToken));
            _created = true;
            Log.Ready(_logger, Names.Prefix);
        }
        finally
        {
            _createLock.Release();
        }
    }

    /// <summary>Loads an email entity and all its recipients, email first (so a change in between fails the ETag).</summary>
    private async Task<EmailPartition?> LoadAsync(string emailId, CancellationToken cancellationToken)
    {
        var email = await Emails.GetEntityIfExistsAsync<EmailEntity>(emailId, EmailEntity.Key, cancellationToken: cancellationToken);
        if (!email.HasValue || email.Value is null)
        {
            return null;
        }

        var recipients = new List<RecipientEntity>(email.Value.RecipientCount);
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {emailId} and RowKey ge {RecipientEntity.FirstKey} and RowKey lt {RecipientEntity.EndKey}");
        await foreach (var recipient in Emails.QueryAsync<RecipientEntity>(filter, cancellationToken: cancellationToken))
        {
            recipients.Add(recipient);
        }

        recipients.Sort((a, b) => a.Ordinal.CompareTo(b.Ordinal));
        return new EmailPartition(email.Value, recipients);
    }

    /// <summary>
    /// Writes the changed recipients and the email entity (conditioned on the ETag it was read with) in one
    /// transaction; with more than 99 changed recipients, the rest follow in further transactions conditioned on their
    /// own ETags.
    /// </summary>
    /// <returns><see langword="false"/> when the email changed since it was read (the caller reloads and retries).</returns>
    private async Task<bool> CommitAsync(EmailEntity email, IReadOnlyList<RecipientEntity> changed, CancellationToken cancellationToken)
    {
        var first = new List<TableTransactionAction> { new(TableTransactionActionType.UpdateReplace, email, email.ETag) };
        first.AddRange(changed.Take(BatchSize - 1).Select(r => new TableTransactionAction(TableTransactionActionType.UpdateReplace, r, r.ETag)));
        try
        {
            await Emails.SubmitTransactionAsync(first, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status is 412 or 404)
        {
            return false;
        }

        foreach (var chunk in changed.Skip(BatchSize - 1).Chunk(BatchSize))
        {
            await Emails.SubmitTransactionAsync(
                chunk.Select(r => new TableTransactionAction(TableTransactionActionType.UpdateReplace, r, ETag.All)), cancellationToken);
        }

        return true;
    }

    private static bool IsNotFound(RequestFailedException ex) => ex.Status == 404;
}
