using Azure;
using Azure.Data.Tables;
using Mailstrom.Model;
using Mailstrom.Storage.AzureStorage.Entities;
using Mailstrom.Storage.AzureStorage.Internal;
using Mailstrom.Storage.AzureStorage.Listing;

namespace Mailstrom.Storage.AzureStorage;

public sealed partial class AzureStorageMailstromStore
{
    /// <summary>Characters table keys cannot hold (and <c>|</c>, the listing key's separator).</summary>
    private static readonly System.Buffers.SearchValues<char> ForbiddenInKeys = System.Buffers.SearchValues.Create("/\\#?|");

    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="id"/> is <see langword="null"/>.</exception>
    /// <exception cref="RequestFailedException">The account refused a request.</exception>
    public async Task<EmailStatus?> GetStatusAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (!IsUsableKey(id))
        {
            return null;
        }

        await EnsureCreatedAsync(cancellationToken);
        var partition = await LoadAsync(id, cancellationToken);
        return partition is null ? null : EmailState.ToStatus(partition.Email, partition.Recipients);
    }

    /// <inheritdoc />
    /// <remarks>
    /// The email entity is marked Terminated in the first transaction (with up to 99 recipients); further recipients
    /// follow. Should that stop half-way, the terminated email already shows its pending recipients as Cancelled and no
    /// claim or result touches them.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="id"/> is <see langword="null"/>.</exception>
    /// <exception cref="RequestFailedException">The account refused a request, or the email kept changing.</exception>
    public async Task<TerminateResult> TerminateAsync(string id, string? reason, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (!IsUsableKey(id))
        {
            return TerminateResult.NotFound;
        }

        await EnsureCreatedAsync(cancellationToken);
        for (var attempt = 0; attempt < MaxConflictRetries; attempt++)
        {
            var partition = await LoadAsync(id, cancellationToken);
            if (partition is null)
            {
                return TerminateResult.NotFound;
            }

            var email = partition.Email;
            if (EmailState.IsTerminal(email))
            {
                return TerminateResult.AlreadyTerminal;
            }

            var changed = new List<RecipientEntity>();
            foreach (var recipient in partition.Recipients.Where(r => !EmailState.IsFinal(r.Status)))
            {
                recipient.Status = nameof(DeliveryStatus.Cancelled);
                recipient.NextAttemptTicks = null;
                recipient.LeaseToken = null;
                recipient.LeaseExpiresTicks = null;
                changed.Add(recipient);
            }

            email.Terminated = true;
            email.TerminationReason = reason;
            email.LastUpdatedTicks = Math.Max(email.LastUpdatedTicks, now.UtcTicks);
            EmailState.Recompute(email, partition.Recipients);
            if (await CommitAsync(email, changed, cancellationToken))
            {
                await AfterCommitAsync(email, previousDue: null);
                return TerminateResult.Terminated;
            }
        }

        throw Contended(id);
    }

    /// <inheritdoc />
    /// <remarks>The email entity goes first (the email disappears at once), then its recipients, content, index rows
    /// and idempotency key. Work messages left in the queue find nothing and are dropped.</remarks>
    /// <exception cref="ArgumentNullException"><paramref name="id"/> is <see langword="null"/>.</exception>
    /// <exception cref="RequestFailedException">The account refused a request.</exception>
    public async Task<bool> PurgeAsync(string id, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(id);
        if (!IsUsableKey(id))
        {
            return false;
        }

        await EnsureCreatedAsync(cancellationToken);
        var partition = await LoadAsync(id, cancellationToken);
        if (partition is null)
        {
            return false;
        }

        try
        {
            await Emails.DeleteEntityAsync(id, EmailEntity.Key, ETag.All, cancellationToken);
        }
        catch (RequestFailedException ex) when (IsNotFound(ex))
        {
            return false;
        }

        foreach (var chunk in partition.Recipients.Chunk(BatchSize))
        {
            await DeleteIgnoringMissingAsync(() => Emails.SubmitTransactionAsync(
                chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, ETag.All)), cancellationToken));
        }

        var email = partition.Email;
        await DeleteIgnoringMissingAsync(() => Content.DeleteBlobIfExistsAsync(id, cancellationToken: cancellationToken));
        await DeleteIgnoringMissingAsync(() => Listing.DeleteEntityAsync(ListingEntity.Partition, ListingEntity.RowKeyOf(email.CreatedTicks, id), ETag.All, cancellationToken));
        await DeleteIgnoringMissingAsync(() => Active.DeleteEntityAsync(ActiveEntity.Partition, id, ETag.All, cancellationToken));
        if (email.IdempotencyKeyHash is { } keyHash)
        {
            var key = await Keys.GetEntityIfExistsAsync<IdempotencyEntity>(keyHash, IdempotencyEntity.Row, cancellationToken: cancellationToken);
            if (key is { HasValue: true, Value: { } held } && string.Equals(held.EmailId, id, StringComparison.Ordinal))
            {
                await DeleteIgnoringMissingAsync(() => Keys.DeleteEntityAsync(keyHash, IdempotencyEntity.Row, held.ETag, cancellationToken));
            }
        }

        return true;
    }

    /// <summary>Whether <paramref name="id"/> can be a table key at all (other ids are simply unknown).</summary>
    private static bool IsUsableKey(string id) =>
        id.Length is > 0 and <= 255 && id.AsSpan().IndexOfAny(ForbiddenInKeys) < 0 && !id.Any(char.IsControl);

    private static RequestFailedException Contended(string id) =>
        new(412, $"Email {id} kept changing under concurrent updates ({MaxConflictRetries} attempts); try again.");
}
