using Mailstrom.Model;
using Mailstrom.Storage.Sqlite.Internal;
using Mailstrom.Storage.Sqlite.Connections;
using Mailstrom.Storage.Sqlite.Emails;
using Mailstrom.Storage.Sqlite.Listing;
using Mailstrom.Storage.Sqlite.Queue;
using Mailstrom.Storage.Sqlite.Suppression;
using Mailstrom.Storage.Sqlite.Webhooks;
using Mailstrom.Storage.Sqlite.Writing;
using Mailstrom.Suppression;
using Mailstrom.Webhooks;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Mailstrom.Storage.Sqlite;

/// <summary>
/// The embedded store: one SQLite file in WAL mode with <c>synchronous=FULL</c>, so a commit is durable when a call
/// returns. Writes go through one dedicated connection, committed by one writer thread and taken with <c>BEGIN IMMEDIATE</c>
/// so other processes on the same file wait their turn; writes that arrive together share one commit (group commit); reads use pooled connections and run in parallel with writes.
/// The schema is created or migrated when the file is first opened.
/// </summary>
/// <remarks>
/// A facade: <see cref="SqliteConnectionFactory"/> opens the file, <see cref="GroupCommitWriter"/> commits writes,
/// and each operation's SQL lives with its feature (<c>Emails/</c>, <c>Queue/</c>, <c>Listing/</c>, <c>Webhooks/</c>: the
/// webhook outbox, written in the same transactions as the status changes its events tell of; <c>Suppression/</c>: the
/// suppression list, written in the transaction that records the failure it comes from).
/// </remarks>
public sealed class SqliteMailstromStore : IEmailStore, IDeliveryQueue, IDeliveryBacklog, IWebhookOutbox, ISuppressionList, IDisposable, IAsyncDisposable
{
    private readonly SqliteConnectionFactory _connections;
    private readonly StoreTransactions _transactions;
    private readonly SqliteSuppressions _suppressions;
    private readonly WebhookEndpoints? _webhooks;

    /// <summary>Creates a store on the file named by <paramref name="options"/>; the file is opened on first use.</summary>
    /// <param name="options">The file and timeouts.</param>
    /// <param name="webhooks">The webhook endpoints whose events the store writes to its outbox; none when <see langword="null"/>.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is <see langword="null"/>.</exception>
    /// <exception cref="OptionsValidationException">The options are invalid (for example, the path is empty).</exception>
    /// <exception cref="IOException">The file's directory cannot be created.</exception>
    public SqliteMailstromStore(SqliteStorageOptions options, WebhookEndpoints? webhooks = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var validation = new SqliteStorageOptionsValidator().Validate(Options.DefaultName, options);
        if (validation.Failed)
        {
            throw new OptionsValidationException(Options.DefaultName, typeof(SqliteStorageOptions), validation.Failures);
        }

        _connections = new SqliteConnectionFactory(options);
        _transactions = new StoreTransactions(_connections, new GroupCommitWriter(_connections.OpenWriter, typeof(SqliteMailstromStore)));
        _suppressions = new SqliteSuppressions(_transactions);
        _webhooks = webhooks;
    }

    /// <summary>The full path of the database file.</summary>
    public string FilePath => _connections.FilePath;

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="email"/> is <see langword="null"/>.</exception>
    /// <exception cref="StoreUnavailableException">The database cannot be written now (busy, full, failing).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled before the commit.</exception>
    public Task<CreateEmailResult> CreateAsync(NewEmail email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(email.Email);
        return WriteAsync((connection, transaction, ct) => EmailCreation.Create(connection, transaction, email, ct), cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="id"/> is <see langword="null"/>.</exception>
    public Task<EmailStatus?> GetStatusAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        return ReadAsync((connection, transaction) => EmailStatusQuery.Read(connection, transaction, id), cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="id"/> is <see langword="null"/>.</exception>
    public Task<TerminateResult> TerminateAsync(string id, string? reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        return WriteAsync((connection, transaction, _) => EmailTermination.Terminate(connection, transaction, id, reason, now, _webhooks), cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="id"/> is <see langword="null"/>.</exception>
    public Task<bool> PurgeAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        return WriteAsync((connection, transaction, _) => EmailPurge.Purge(connection, transaction, id), cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is <see langword="null"/>.</exception>
    public Task<EmailPage> ListAsync(EmailQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        var after = query.ContinuationToken is { } token ? ContinuationToken.Decode(token) : null;
        return ReadAsync((connection, transaction) => EmailListing.List(connection, transaction, query, after), cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="request"/> is <see langword="null"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException">MaxItems is less than 1, or LeaseDuration is not positive.</exception>
    public Task<IReadOnlyList<DeliveryWorkItem>> ClaimDueAsync(ClaimRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentOutOfRangeException.ThrowIfLessThan(request.MaxItems, 1, nameof(request));
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(request.LeaseDuration, TimeSpan.Zero, nameof(request));
        return WriteAsync<IReadOnlyList<DeliveryWorkItem>>(
            (connection, transaction, _) => DueWorkClaim.Claim(connection, transaction, request), cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="emailId"/> is <see langword="null"/>.</exception>
    public Task<ReadOnlyMemory<byte>?> GetContentAsync(string emailId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(emailId);
        return ReadAsync((connection, transaction) => ContentQuery.Read(connection, transaction, emailId), cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="results"/> is <see langword="null"/>.</exception>
    public Task<int> RecordAsync(IReadOnlyList<RecipientResult> results, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(results);
        return results.Count == 0
            ? Task.FromResult(0)
            : WriteAsync((connection, transaction, _) => AttemptRecording.Record(connection, transaction, results, _webhooks), cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="items"/> is <see langword="null"/>.</exception>
    public Task ReleaseAsync(IReadOnlyList<DeliveryWorkItem> items, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(items);
        if (items.Count == 0)
        {
            return Task.CompletedTask;
        }

        return WriteAsync(
            (connection, transaction, _) =>
            {
                LeaseRelease.Release(connection, transaction, items);
                return true;
            },
            cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="ownerIsGone"/> is <see langword="null"/>.</exception>
    public Task<int> ReleaseLeasesOfGoneOwnersAsync(Func<string, bool> ownerIsGone, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ownerIsGone);
        var ticks = SqliteValues.ToTicks(now);
        return WriteAsync(
            (connection, transaction, _) => LeaseRelease.ReleaseGoneOwners(connection, transaction, ownerIsGone, ticks), cancellationToken);
    }

    /// <inheritdoc />
    /// <remarks>
    /// Walks the due-time index from the earliest and stops at the first recipient due at or after the best time found:
    /// every later one becomes claimable no earlier than its due time. Only leased recipients (those in flight) are
    /// read before it stops, so the cost does not grow with the backlog.
    /// </remarks>
    public Task<DateTimeOffset?> GetNextDueTimeAsync(CancellationToken cancellationToken) =>
        ReadAsync(static (connection, transaction) => NextDueTimeQuery.Read(connection, transaction), cancellationToken);

    /// <inheritdoc />
    public Task<DeliveryBacklog> ReadBacklogAsync(DateTimeOffset now, CancellationToken cancellationToken) =>
        ReadAsync((connection, transaction) => BacklogQuery.Read(connection, transaction, now), cancellationToken);

    /// <inheritdoc />
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="maxItems"/> is less than 1, or <paramref name="claimDuration"/> is not positive.</exception>
    public Task<IReadOnlyList<WebhookOutboxEntry>> ClaimDueAsync(DateTimeOffset now, int maxItems, TimeSpan claimDuration, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxItems, 1);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(claimDuration, TimeSpan.Zero);
        return WriteAsync((connection, transaction, _) => OutboxClaim.Claim(connection, transaction, now, maxItems, claimDuration), cancellationToken);
    }

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="results"/> is <see langword="null"/>.</exception>
    public Task RecordAsync(IReadOnlyList<WebhookOutboxResult> results, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(results);
        return results.Count == 0
            ? Task.CompletedTask
            : WriteAsync((connection, transaction, _) => OutboxRecording.Record(connection, transaction, results), cancellationToken);
    }

    /// <inheritdoc />
    Task<DateTimeOffset?> IWebhookOutbox.GetNextDueTimeAsync(CancellationToken cancellationToken) =>
        ReadAsync(static (connection, transaction) => OutboxReads.NextDueTime(connection, transaction), cancellationToken);

    /// <inheritdoc />
    public Task<long> CountDeadAsync(CancellationToken cancellationToken) =>
        ReadAsync(static (connection, transaction) => OutboxReads.DeadCount(connection, transaction), cancellationToken);

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="addresses"/> is <see langword="null"/>.</exception>
    public Task<IReadOnlyDictionary<string, SuppressionEntry>> FindAsync(IReadOnlyCollection<string> addresses, CancellationToken cancellationToken) =>
        _suppressions.FindAsync(addresses, cancellationToken);

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="entries"/> is <see langword="null"/>.</exception>
    public Task AddAsync(IReadOnlyList<SuppressionEntry> entries, CancellationToken cancellationToken) =>
        _suppressions.AddAsync(entries, cancellationToken);

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="address"/> is <see langword="null"/>.</exception>
    public Task<bool> RemoveAsync(string address, CancellationToken cancellationToken) =>
        _suppressions.RemoveAsync(address, cancellationToken);

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is <see langword="null"/>.</exception>
    public Task<SuppressionPage> ListAsync(SuppressionQuery query, CancellationToken cancellationToken) =>
        _suppressions.ListAsync(query, cancellationToken);

    /// <summary>Closes the write connection and the pooled read connections of this file.</summary>
    public void Dispose() => _transactions.Dispose();

    /// <summary>Closes the write connection and the pooled read connections of this file.</summary>
    /// <returns>A task that completes when the connections are closed.</returns>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    private Task<T> ReadAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work, CancellationToken cancellationToken) =>
        _transactions.ReadAsync(work, cancellationToken);

    private Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, CancellationToken, T> work, CancellationToken cancellationToken) =>
        _transactions.WriteAsync(work, cancellationToken);
}
