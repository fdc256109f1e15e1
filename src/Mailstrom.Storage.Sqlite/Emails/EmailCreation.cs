using Mailstrom.Composition;
using Mailstrom.Model;
using Mailstrom.Orchestration;
using Mailstrom.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace Mailstrom.Storage.Sqlite.Emails;

/// <summary>
/// Stores a new email, its content and all its recipients (Queued, due at once) in the write transaction, or answers
/// with the earlier email when an unexpired idempotency key matches.
/// </summary>
internal static class EmailCreation
{
    /// <summary>Creates <paramref name="email"/>, or finds the earlier submission with its idempotency key.</summary>
    /// <param name="connection">The write connection.</param>
    /// <param name="transaction">The open write transaction.</param>
    /// <param name="email">The email to store.</param>
    /// <param name="cancellationToken">Checked between recipients.</param>
    /// <returns>Created, Replayed (same request) or Conflict (another request), with the email id.</returns>
    /// <exception cref="SqliteException">The id is already stored.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static CreateEmailResult Create(
        SqliteConnection connection, SqliteTransaction transaction, NewEmail email, CancellationToken cancellationToken)
    {
        var created = SqliteValues.ToTicks(email.CreatedTime);
        if (email.Idempotency is { } key)
        {
            var earlier = IdempotencyKeys.FindActive(connection, transaction, key.Key, created);
            if (earlier is { } found)
            {
                var outcome = string.Equals(found.RequestHash, key.RequestHash, StringComparison.Ordinal)
                    ? CreateEmailOutcome.Replayed
                    : CreateEmailOutcome.Conflict;
                return new CreateEmailResult(outcome, found.EmailId);
            }
        }

        var composed = email.Email;
        var recipients = composed.Recipients;
        var insert = PreparedStatements.Get(connection, transaction, """
            INSERT INTO emails (id, message_id, envelope_from, from_address, subject, created_time, last_updated_time,
                                runtime_status, started, terminated, recipient_count, final_count)
            VALUES ($id, $messageId, $envelopeFrom, $from, $subject, $created, $created, $status, 0, 0, $count, 0);
            INSERT INTO email_contents (email_id, content) VALUES ($id, $content);
            """);
        insert.Parameters.AddWithValue("$id", email.Id);
        insert.Parameters.AddWithValue("$messageId", composed.MessageId);
        insert.Parameters.AddWithValue("$envelopeFrom", composed.EnvelopeFrom);
        insert.Parameters.AddWithValue("$from", composed.From);
        insert.Parameters.AddWithValue("$subject", SqliteValues.ToDb(composed.Subject));
        insert.Parameters.AddWithValue("$created", created);
        insert.Parameters.AddWithValue("$status", RuntimeStatusRules.Derive(false, false, recipients.Count, 0).ToString());
        insert.Parameters.AddWithValue("$count", recipients.Count);
        insert.Parameters.Add("$content", SqliteType.Blob).Value = composed.Content.ToArray();
        insert.ExecuteNonQuery();

        InsertRecipients(connection, transaction, email.Id, recipients, created, cancellationToken);

        if (email.Idempotency is { } newKey)
        {
            IdempotencyKeys.Remember(connection, transaction, newKey, email.Id);
        }

        return new CreateEmailResult(CreateEmailOutcome.Created, email.Id);
    }

    private static void InsertRecipients(
        SqliteConnection connection,
        SqliteTransaction transaction,
        string emailId,
        IReadOnlyList<EnvelopeRecipient> recipients,
        long created,
        CancellationToken cancellationToken)
    {
        var insert = PreparedStatements.Get(connection, transaction, """
            INSERT INTO recipients (email_id, ordinal, address, domain, requires_smtputf8, status, attempts, next_attempt_time)
            VALUES ($emailId, $ordinal, $address, $domain, $utf8, $status, 0, $due);
            """);
        insert.Parameters.AddWithValue("$emailId", emailId);
        insert.Parameters.AddWithValue("$status", nameof(DeliveryStatus.Queued));
        insert.Parameters.AddWithValue("$due", created);
        var ordinal = SqliteCommands.Parameter(insert, "$ordinal");
        var address = SqliteCommands.Parameter(insert, "$address");
        var domain = SqliteCommands.Parameter(insert, "$domain");
        var utf8 = SqliteCommands.Parameter(insert, "$utf8");
        for (var i = 0; i < recipients.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var recipient = recipients[i];
            ordinal.Value = i;
            address.Value = recipient.Address;
            domain.Value = recipient.Domain;
            utf8.Value = recipient.RequiresSmtpUtf8 ? 1 : 0;
            insert.ExecuteNonQuery();
        }
    }
}
