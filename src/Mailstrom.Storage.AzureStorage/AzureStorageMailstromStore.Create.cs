using Azure;
using Azure.Data.Tables;
using Mailstrom.Model;
using Mailstrom.Orchestration;
using Mailstrom.Storage.AzureStorage.Diagnostics;
using Mailstrom.Storage.AzureStorage.Entities;
using Mailstrom.Storage.AzureStorage.Internal;
using Mailstrom.Storage.AzureStorage.Listing;
using Mailstrom.Storage.AzureStorage.Queueing;

namespace Mailstrom.Storage.AzureStorage;

public sealed partial class AzureStorageMailstromStore
{
    /// <summary>A reservation older than this whose email never appeared belongs to a create that died: take it over.</summary>
    private static readonly TimeSpan AbandonedReservationAge = TimeSpan.FromMinutes(2);

    /// <inheritdoc />
    /// <remarks>
    /// Order of writes: idempotency key (insert-if-absent), content blob, one work message per recipient, the
    /// recipients, the index rows, and last the email entity, the commit point. Until it exists nothing of the email
    /// is visible; a create that fails before it leaves only garbage that is removed on the spot or ignored.
    /// </remarks>
    /// <exception cref="ArgumentNullException"><paramref name="email"/> is <see langword="null"/>.</exception>
    /// <exception cref="RequestFailedException">The account refused a request (the email is not created).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled before the commit.</exception>
    public async Task<CreateEmailResult> CreateAsync(NewEmail email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(email.Email);
        cancellationToken.ThrowIfCancellationRequested();
        await EnsureCreatedAsync(cancellationToken);

        IdempotencyEntity? reserved = null;
        if (email.Idempotency is { } key)
        {
            var (earlier, reservation) = await ReserveKeyAsync(email, key, cancellationToken);
            if (earlier is not null)
            {
                return earlier;
            }

            reserved = reservation;
        }

        var recipients = new List<RecipientEntity>();
        try
        {
            await WriteEmailAsync(email, reserved, recipients, cancellationToken);
        }
        catch (Exception ex)
        {
            Log.CreateFailed(_logger, email.Id, ex);
            await UndoCreateAsync(email, reserved, recipients);
            throw;
        }

        return new CreateEmailResult(CreateEmailOutcome.Created, email.Id);
    }

    private async Task WriteEmailAsync(NewEmail email, IdempotencyEntity? reserved, List<RecipientEntity> recipients, CancellationToken cancellationToken)
    {
        var composed = email.Email;
        var created = email.CreatedTime.UtcTicks;
        await Content.GetBlobClient(email.Id).UploadAsync(new BinaryData(composed.Content), overwrite: true, cancellationToken);

        var visibility = VisibilityDelay.Until(email.CreatedTime, _timeProvider.GetUtcNow());
        var messageIds = new string[composed.Recipients.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, composed.Recipients.Count),
            new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = cancellationToken },
            async (ordinal, ct) => messageIds[ordinal] = (await WorkQueue.SendWorkAsync(new WorkMessage(email.Id, ordinal), visibility, ct)).MessageId);

        for (var ordinal = 0; ordinal < composed.Recipients.Count; ordinal++)
        {
            var recipient = composed.Recipients[ordinal];
            recipients.Add(new RecipientEntity
            {
                PartitionKey = email.Id,
                RowKey = RecipientEntity.RowKeyOf(ordinal),
                Ordinal = ordinal,
                Address = recipient.Address,
                Domain = recipient.Domain,
                RequiresSmtpUtf8 = recipient.RequiresSmtpUtf8,
                Status = nameof(DeliveryStatus.Queued),
                NextAttemptTicks = created,
                QueueMessageId = messageIds[ordinal],
            });
        }

        foreach (var chunk in recipients.Chunk(BatchSize))
        {
            await Emails.SubmitTransactionAsync(chunk.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), cancellationToken);
        }

        var entity = new EmailEntity
        {
            PartitionKey = email.Id,
            MessageId = composed.MessageId,
            EnvelopeFrom = composed.EnvelopeFrom,
            FromAddress = composed.From,
            Subject = composed.Subject,
            CreatedTicks = created,
            LastUpdatedTicks = created,
            RecipientCount = recipients.Count,
            IdempotencyKeyHash = reserved?.PartitionKey,
        };
        EmailState.Recompute(entity, recipients);
        entity.RuntimeStatus = RuntimeStatusRules.Derive(false, false, recipients.Count, entity.FinalCount).ToString();

        await Task.WhenAll(
            Active.UpsertEntityAsync(new ActiveEntity { RowKey = email.Id, NextDueTicks = entity.NextDueTicks }, TableUpdateMode.Replace, cancellationToken),
            Listing.UpsertEntityAsync(new ListingEntity { RowKey = ListingEntity.RowKeyOf(created, email.Id), EmailId = email.Id }, TableUpdateMode.Replace, cancellationToken));

        cancellationToken.ThrowIfCancellationRequested();
        await Emails.AddEntityAsync(entity, cancellationToken);
    }

    /// <summary>Removes what a failed create wrote, best effort (leftovers are invisible without the email entity).</summary>
    private async Task UndoCreateAsync(NewEmail email, IdempotencyEntity? reserved, List<RecipientEntity> recipients)
    {
        try
        {
            if (await Emails.GetEntityIfExistsAsync<EmailEntity>(email.Id, EmailEntity.Key, select: ["PartitionKey"]) is { HasValue: true })
            {
                return;
            }

            foreach (var chunk in recipients.Chunk(BatchSize))
            {
                await DeleteIgnoringMissingAsync(() => Emails.SubmitTransactionAsync(
                    chunk.Select(r => new TableTransactionAction(TableTransactionActionType.Delete, r, ETag.All))));
            }

            await DeleteIgnoringMissingAsync(() => Listing.DeleteEntityAsync(ListingEntity.Partition, ListingEntity.RowKeyOf(email.CreatedTime.UtcTicks, email.Id)));
            await DeleteIgnoringMissingAsync(() => Active.DeleteEntityAsync(ActiveEntity.Partition, email.Id));
            await DeleteIgnoringMissingAsync(() => Content.DeleteBlobIfExistsAsync(email.Id));
            if (reserved is not null)
            {
                await DeleteIgnoringMissingAsync(() => Keys.DeleteEntityAsync(reserved.PartitionKey, reserved.RowKey, reserved.ETag));
            }
        }
        catch (Exception ex)
        {
            Log.HousekeepingFailed(_logger, "undo create", ex);
        }
    }

    /// <summary>
    /// Reserves the idempotency key for this email, or finds the earlier email that holds it. The key entity is
    /// inserted if absent; an expired key, or a reservation whose create died, is taken over with its ETag.
    /// </summary>
    private async Task<(CreateEmailResult? Earlier, IdempotencyEntity? Reserved)> ReserveKeyAsync(
        NewEmail email, IdempotencyKey key, CancellationToken cancellationToken)
    {
        var mine = new IdempotencyEntity
        {
            PartitionKey = IdempotencyEntity.HashOf(key.Key),
            Key = key.Key,
            RequestHash = key.RequestHash,
            EmailId = email.Id,
            ExpiresTicks = key.ExpiresAt.UtcTicks,
        };
        for (var attempt = 0; attempt < MaxConflictRetries; attempt++)
        {
            mine.ReservedTicks = _timeProvider.GetUtcNow().UtcTicks;
            var existing = await Keys.GetEntityIfExistsAsync<IdempotencyEntity>(mine.PartitionKey, IdempotencyEntity.Row, cancellationToken: cancellationToken);
            try
            {
                if (!existing.HasValue || existing.Value is null)
                {
                    var added = await Keys.AddEntityAsync(mine, cancellationToken);
                    mine.ETag = added.Headers.ETag ?? ETag.All;
                    return (null, mine);
                }

                var earlier = existing.Value;
                if (earlier.ExpiresTicks > email.CreatedTime.UtcTicks && !await IsAbandonedAsync(earlier, cancellationToken))
                {
                    var outcome = string.Equals(earlier.RequestHash, key.RequestHash, StringComparison.Ordinal)
                        ? CreateEmailOutcome.Replayed
                        : CreateEmailOutcome.Conflict;
                    return (new CreateEmailResult(outcome, earlier.EmailId), null);
                }

                var replaced = await Keys.UpdateEntityAsync(mine, earlier.ETag, TableUpdateMode.Replace, cancellationToken);
                mine.ETag = replaced.Headers.ETag ?? ETag.All;
                return (null, mine);
            }
            catch (RequestFailedException ex) when (ex.Status is 409 or 412 or 404)
            {
                // Another create took the key first: look again.
            }
        }

        throw new RequestFailedException(409, $"The idempotency key kept changing under concurrent creates ({MaxConflictRetries} attempts).");
    }

    private async Task<bool> IsAbandonedAsync(IdempotencyEntity earlier, CancellationToken cancellationToken)
    {
        if (_timeProvider.GetUtcNow().UtcTicks - earlier.ReservedTicks < AbandonedReservationAge.Ticks)
        {
            return false;
        }

        var email = await Emails.GetEntityIfExistsAsync<EmailEntity>(earlier.EmailId, EmailEntity.Key, select: ["PartitionKey"], cancellationToken);
        return !email.HasValue;
    }

    private static async Task DeleteIgnoringMissingAsync(Func<Task> delete)
    {
        try
        {
            await delete();
        }
        catch (RequestFailedException ex) when (ex.Status is 404 or 412)
        {
            // Already gone, or changed by someone else: leave it.
        }
    }
}
