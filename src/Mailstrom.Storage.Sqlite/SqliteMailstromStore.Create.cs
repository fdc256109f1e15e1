using Mailstrom.Composition;
using Mailstrom.Model;
using Mailstrom.Orchestration;
using Mailstrom.Storage.Sqlite.Internal;
using Microsoft.Data.Sqlite;

namespace Mailstrom.Storage.Sqlite;

public sealed partial class SqliteMailstromStore
{
    /// <inheritdoc />
    /// <exception cref="ArgumentNullException"><paramref name="email"/> is <see langword="null"/>.</exception>
    /// <exception cref="SqliteException">The id is already stored, or the database cannot be written.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled before the commit.</exception>
    public Task<CreateEmailResult> CreateAsync(NewEmail email, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(email);
        ArgumentNullException.ThrowIfNull(email.Email);
        return WriteAsync((connection, transaction, ct) => Create(connection, transaction, email, ct), cancellationToken);
    }

    private static CreateEmailResult Create(SqliteConnection connection, SqliteTransaction transaction, NewEmail email, CancellationToken cancellationToken)
    {
        var created = SqliteValues.ToTicks(email.CreatedTime);
        if (email.Idempotency is { } key)
        {
            var earlier = FindActiveKey(connection, transaction, key.Key, created);
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
        var insert = Prepared(connection, transaction, """
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
            var remember = Prepared(connection, transaction, """
                INSERT INTO idempotency_keys (key, request_hash, email_id, expires_at) VALUES ($key, $hash, $id, $expires)
                ON CONFLICT (key) DO UPDATE SET request_hash = excluded.request_hash, email_id = excluded.email_id,
                                                expires_at = excluded.expires_at;
                """);
            remember.Parameters.AddWithValue("$key", newKey.Key);
            remember.Parameters.AddWithValue("$hash", newKey.RequestHash);
            remember.Parameters.AddWithValue("$id", email.Id);
            remember.Parameters.AddWithValue("$expires", SqliteValues.ToTicks(newKey.ExpiresAt));
            remember.ExecuteNonQuery();
        }

        return new CreateEmailResult(CreateEmailOutcome.Created, email.Id);
    }

    private static (string RequestHash, string EmailId)? FindActiveKey(
        SqliteConnection connection, SqliteTransaction transaction, string key, long now)
    {
        var find = Prepared(connection, transaction,
            "SELECT request_hash, email_id FROM idempotency_keys WHERE key = $key AND expires_at > $now;");
        find.Parameters.AddWithValue("$key", key);
        find.Parameters.AddWithValue("$now", now);
        using var reader = find.ExecuteReader();
        return reader.Read() ? (reader.GetString(0), reader.GetString(1)) : null;
    }

    private static void InsertRecipients(
        SqliteConnection connection,
        SqliteTransaction transaction,
        string emailId,
        IReadOnlyList<EnvelopeRecipient> recipients,
        long created,
        CancellationToken cancellationToken)
    {
        var insert = Prepared(connection, transaction, """
            INSERT INTO recipients (email_id, ordinal, address, domain, requires_smtputf8, status, attempts, next_attempt_time)
            VALUES ($emailId, $ordinal, $address, $domain, $utf8, $status, 0, $due);
            """);
        insert.Parameters.AddWithValue("$emailId", emailId);
        insert.Parameters.AddWithValue("$status", nameof(DeliveryStatus.Queued));
        insert.Parameters.AddWithValue("$due", created);
        var ordinal = Parameter(insert, "$ordinal");
        var address = Parameter(insert, "$address");
        var domain = Parameter(insert, "$domain");
        var utf8 = Parameter(insert, "$utf8");
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
